#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume: one database per
# stateful service, each owned by its own role, so that a service can reach no other's data.
# Passwords come from the environment (docker-compose.yml passes them).
set -euo pipefail

: "${NEWSWATCH_INGEST_DB_PASSWORD:?the password of role newswatch_ingest}"
: "${NEWSWATCH_ALERT_DB_PASSWORD:?the password of role newswatch_alert}"

# Passwords travel as psql variables (:'name' quotes them), never spliced into SQL text.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v ingest_password="$NEWSWATCH_INGEST_DB_PASSWORD" \
     -v alert_password="$NEWSWATCH_ALERT_DB_PASSWORD" <<'SQL'
CREATE ROLE newswatch_ingest LOGIN PASSWORD :'ingest_password';
CREATE DATABASE newswatch_ingest OWNER newswatch_ingest;
REVOKE ALL ON DATABASE newswatch_ingest FROM PUBLIC;

CREATE ROLE newswatch_alert LOGIN PASSWORD :'alert_password';
CREATE DATABASE newswatch_alert OWNER newswatch_alert;
REVOKE ALL ON DATABASE newswatch_alert FROM PUBLIC;
SQL
