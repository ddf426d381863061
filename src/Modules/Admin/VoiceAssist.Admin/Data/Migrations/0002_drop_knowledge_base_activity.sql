-- The console no longer keeps a copy of the knowledge base's documents: it asks the Knowledge module through its
-- contracts (GetKnowledgeBaseSize, ListKnowledgeDocuments) instead.
DROP TABLE admin.knowledge_base_activity;
