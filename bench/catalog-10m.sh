#!/usr/bin/env bash
# 10 M entitlements measured for real (not extrapolated): the V11 tables in a throw-away schema.
#   bench/catalog-10m.sh      (PostgreSQL on 127.0.0.1:5432, database test; about 2.2 GB of disk while it runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
schema="bench_catalog10m_$(date +%s)"
trap 'psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1' EXIT
t0=$(date +%s)
{
  echo "CREATE SCHEMA $schema; SET search_path TO $schema;"
  echo "CREATE TABLE apps (id VARCHAR(40) PRIMARY KEY);"
  sed -n '/^CREATE TABLE catalog_accounts/,$p' "$root"/src/main/resources/db/identity/V11__aws_account_catalog.sql
  cat <<SQL
INSERT INTO apps VALUES ('app-0123456789abcdef');
INSERT INTO catalog_accounts (app_id, account_id, display_name, saml_provider_name, sign_in_url, created_at, updated_at)
  SELECT 'app-0123456789abcdef', lpad((200000000000 + a)::text, 12, '0'), 'Bulk ' || a, 'Gatehouse', 'https://signin.aws.amazon.com/saml', now(), now() FROM generate_series(0, 999) a;
INSERT INTO catalog_roles (app_id, account_id, role_name, session_duration_seconds, created_at, updated_at)
  SELECT 'app-0123456789abcdef', lpad((200000000000 + a)::text, 12, '0'), 'ReadOnly', 3600, now(), now() FROM generate_series(0, 999) a;
INSERT INTO catalog_entitlements (principal_id, principal_type, app_id, account_id, role_name, created_at)
  SELECT 'u-' || lpad(to_hex(u), 24, '0'), 'USER', 'app-0123456789abcdef', lpad((200000000000 + a)::text, 12, '0'), 'ReadOnly', now()
  FROM generate_series(0, 9999) u, generate_series(0, 999) a;
ANALYZE catalog_entitlements;
SELECT count(*), pg_size_pretty(pg_relation_size('catalog_entitlements')), pg_size_pretty(pg_indexes_size('catalog_entitlements')),
       pg_size_pretty(pg_total_relation_size('catalog_entitlements')), pg_total_relation_size('catalog_entitlements') / count(*) FROM catalog_entitlements;
EXPLAIN (ANALYZE, BUFFERS) SELECT 1 FROM catalog_entitlements e WHERE e.app_id = 'app-0123456789abcdef' AND e.account_id = '200000000500'
  AND e.role_name = 'ReadOnly' AND ((e.principal_type = 'USER' AND e.principal_id = 'u-' || lpad(to_hex(4321), 24, '0'))
  OR (e.principal_type = 'GROUP' AND e.principal_id IN ('g-1', 'g-2')));
SQL
} | psql -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1
echo "total $(( $(date +%s) - t0 )) s"
