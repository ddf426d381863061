-- Text as the keyword index reads it (passages, titles and queries alike): terms joined by a slash are two terms
-- ("STAG1/STAG2" matches STAG1 and STAG2: PostgreSQL's parser would otherwise keep it as one file-path token), and
-- Greek letters are spelt out, so "α-synuclein" and "alpha-synuclein" (and "TNFα" and "TNF-alpha") meet. The stored
-- passage text is unchanged; only what to_tsvector reads. Every stored tsvector is recomputed with it.
CREATE FUNCTION knowledge.lexical_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
RETURN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(regexp_replace(regexp_replace(t, '([[:alnum:]])/(?=[[:alnum:]])', '\1 ', 'g'), '([A-Za-z0-9])(?=[αβγδεζηθικλμνξοπρσςτυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ])', '\1-', 'g'), 'α', 'alpha'), 'β', 'beta'), 'γ', 'gamma'), 'δ', 'delta'), 'ε', 'epsilon'), 'ζ', 'zeta'), 'η', 'eta'), 'θ', 'theta'), 'ι', 'iota'), 'κ', 'kappa'), 'λ', 'lambda'), 'μ', 'mu'), 'ν', 'nu'), 'ξ', 'xi'), 'ο', 'omicron'), 'π', 'pi'), 'ρ', 'rho'), 'σ', 'sigma'), 'ς', 'sigma'), 'τ', 'tau'), 'υ', 'upsilon'), 'φ', 'phi'), 'χ', 'chi'), 'ψ', 'psi'), 'ω', 'omega'), 'Α', 'alpha'), 'Β', 'beta'), 'Γ', 'gamma'), 'Δ', 'delta'), 'Ε', 'epsilon'), 'Ζ', 'zeta'), 'Η', 'eta'), 'Θ', 'theta'), 'Ι', 'iota'), 'Κ', 'kappa'), 'Λ', 'lambda'), 'Μ', 'mu'), 'Ν', 'nu'), 'Ξ', 'xi'), 'Ο', 'omicron'), 'Π', 'pi'), 'Ρ', 'rho'), 'Σ', 'sigma'), 'Τ', 'tau'), 'Υ', 'upsilon'), 'Φ', 'phi'), 'Χ', 'chi'), 'Ψ', 'psi'), 'Ω', 'omega');

UPDATE knowledge.chunks c
SET tsv = setweight(to_tsvector('english', knowledge.lexical_text(d.title || ' ' || coalesce(c.section, ''))), 'A')
    || to_tsvector('english', knowledge.lexical_text(c.text))
FROM knowledge.documents d WHERE c.document_id = d.id;

UPDATE knowledge.documents SET index_revision = index_revision + 1 WHERE chunk_count > 0 AND owner_id IS NULL;
