{{/* The chart's name, or nameOverride. */}}
{{- define "voiceassist.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: release name plus chart name, unless one contains the other. */}}
{{- define "voiceassist.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "voiceassist.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "voiceassist.labels" -}}
helm.sh/chart: {{ include "voiceassist.chart" . }}
{{ include "voiceassist.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: voiceassist
{{- end }}

{{/* Labels that select the release's pods; each workload adds app.kubernetes.io/component. */}}
{{- define "voiceassist.selectorLabels" -}}
app.kubernetes.io/name: {{ include "voiceassist.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "voiceassist.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "voiceassist.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- /* The host image, pinned: a digest when given, else the tag (the chart's appVersion by default), never "latest". */}}
{{- define "voiceassist.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion }}
{{- if eq $tag "latest" }}
{{- fail "image.tag must name a release (or set image.digest), not latest" }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{- /* Graceful drain: the grace period must cover the preStop pause, the host's shutdown timeout and a margin. */}}
{{- define "voiceassist.checkDrain" -}}
{{- $needed := add (int .Values.preStopSleepSeconds) (int .Values.shutdownTimeoutSeconds) 5 }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least preStopSleepSeconds + shutdownTimeoutSeconds + 5 (%d)" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- end }}
{{- end }}

{{- define "voiceassist.secretName" -}}
{{- required "existingSecret is required: the name of a Secret holding the connection strings (see docs/operations.md)" .Values.existingSecret }}
{{- end }}

{{- define "voiceassist.postgresqlHost" -}}
{{- printf "%s-postgresql" (include "voiceassist.fullname" .) }}
{{- end }}

{{- define "voiceassist.redisHost" -}}
{{- printf "%s-redis" (include "voiceassist.fullname" .) }}
{{- end }}

{{/* Where the host sends OTLP: the sidecar on localhost when it runs, else telemetry.otlpEndpoint. */}}
{{- define "voiceassist.otlpEndpoint" -}}
{{- if .Values.telemetry.prometheusSidecar.enabled }}
{{- print "http://127.0.0.1:4317" }}
{{- else }}
{{- .Values.telemetry.otlpEndpoint }}
{{- end }}
{{- end }}

{{/* Whether the replicas migrate at start-up: asked for, or required because the bundled database has no hook. */}}
{{- define "voiceassist.migrateOnStartup" -}}
{{- if or .Values.migrations.onStartup .Values.postgresql.enabled (not .Values.migrations.enabled) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
The connection strings, from the existing Secret. With the bundled servers they are composed from the service name
and the password; Kubernetes expands $(NAME) from variables defined earlier in the same list.
*/}}
{{- define "voiceassist.secretEnv" -}}
{{- if .Values.postgresql.enabled }}
- name: VOICEASSIST_POSTGRES_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.postgresPassword }}
- name: ConnectionStrings__VoiceAssist
  value: {{ printf "Host=%s;Port=%v;Database=%s;Username=%s;Password=$(VOICEASSIST_POSTGRES_PASSWORD)" (include "voiceassist.postgresqlHost" .) .Values.postgresql.port .Values.postgresql.database .Values.postgresql.username | quote }}
{{- else }}
- name: ConnectionStrings__VoiceAssist
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.databaseConnection }}
{{- end }}
{{- if .Values.redis.enabled }}
- name: VOICEASSIST_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.redisPassword }}
- name: ConnectionStrings__Redis
  value: {{ printf "%s:%v,password=$(VOICEASSIST_REDIS_PASSWORD)" (include "voiceassist.redisHost" .) .Values.redis.port | quote }}
{{- else }}
- name: ConnectionStrings__Redis
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.redisConnection }}
{{- end }}
- name: Compliance__Encryption__MasterKey
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.complianceMasterKey }}
- name: Identity__Tokens__SigningKey
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.identityTokenSigningKey }}
- name: Identity__Mfa__SecretEncryptionKey
  valueFrom:
    secretKeyRef:
      name: {{ include "voiceassist.secretName" . }}
      key: {{ .Values.secretKeys.identityMfaSecretKey }}
{{- end }}
