#!/usr/bin/env bash
# Install and start the real services the tests need: PostgreSQL, Chromium, Elasticsearch, Redis.
# Idempotent: safe to run again on a machine where they already run.
# Usage: .ci/services.sh [postgres] [chromium] [elasticsearch] [redis] [weasyprint]   (no argument: all five)
set -euo pipefail

ES_VERSION=${ES_VERSION:-8.19.21}
REDIS_PORT=${REDIS_PORT:-6379}
ES_HOME_BASE=${ES_HOME_BASE:-/opt/es}
ES_PORT=${ES_PORT:-9200}
JAVA_HOME_17=${JAVA_HOME_17:-/usr/lib/jvm/java-17-openjdk-amd64}

log() { printf '[services] %s\n' "$*" >&2; }

apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_postgres() {
  apt_install postgresql
  local ver
  ver=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster "$ver" main status >/dev/null 2>&1 || pg_ctlcluster "$ver" main start
  for _ in $(seq 1 30); do su postgres -c "pg_isready -q" && break; sleep 1; done
  [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='govsite'\"")" = 1 ] \
    || su postgres -c "psql -v ON_ERROR_STOP=1 -c \"CREATE ROLE govsite LOGIN PASSWORD 'govsite' CREATEDB;\""
  [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='govsite'\"")" = 1 ] \
    || su postgres -c "createdb -O govsite -E UTF8 govsite"
  log "PostgreSQL $ver is up: postgres://govsite:govsite@127.0.0.1:5432/govsite"
}

start_chromium() {
  apt_install chromium fonts-noto-cjk
  log "Chromium: $(/usr/lib/chromium/chromium --version 2>/dev/null || echo missing)"
}

# WeasyPrint (the 依申请公开 letters as PDF, docs/applications.md) needs pango and harfbuzz's
# subsetter; the letters use the Noto CJK fonts when no 仿宋 is installed.
start_weasyprint() {
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
  log "WeasyPrint system libraries installed"
}

es_healthy() {
  curl -fsS "http://127.0.0.1:${ES_PORT}/_cluster/health?wait_for_status=yellow&timeout=${1:-1}s" >/dev/null 2>&1
}

start_elasticsearch() {
  if es_healthy 1; then log "Elasticsearch already answers on :${ES_PORT}"; return 0; fi
  apt_install unzip curl
  local home="$ES_HOME_BASE/elasticsearch-$ES_VERSION"
  if [ ! -x "$home/bin/elasticsearch" ]; then
    mkdir -p "$ES_HOME_BASE"
    if [ ! -f "$ES_HOME_BASE/elasticsearch-$ES_VERSION.zip" ]; then
      log "fetching Elasticsearch $ES_VERSION from Maven Central"
      mvn -q dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory="$ES_HOME_BASE"
    fi
    (cd "$ES_HOME_BASE" && unzip -q -o "elasticsearch-$ES_VERSION.zip")
  fi
  id -u esrun >/dev/null 2>&1 || useradd -m esrun
  mkdir -p "$ES_HOME_BASE/data" "$ES_HOME_BASE/logs"
  chown -R esrun "$ES_HOME_BASE"
  su esrun -s /bin/bash -c "ES_JAVA_HOME=$JAVA_HOME_17 ES_JAVA_OPTS='-Xms512m -Xmx512m' \
    $home/bin/elasticsearch -d -p $ES_HOME_BASE/es.pid -E discovery.type=single-node \
    -E xpack.security.enabled=false -E network.host=127.0.0.1 -E http.port=$ES_PORT \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E path.data=$ES_HOME_BASE/data -E path.logs=$ES_HOME_BASE/logs" >"$ES_HOME_BASE/start.out" 2>&1
  for _ in $(seq 1 120); do es_healthy 2 && break; sleep 1; done
  es_healthy 30 || { log "Elasticsearch did not come up"; tail -50 "$ES_HOME_BASE/logs/"*.log >&2 || true; return 1; }
  log "Elasticsearch $ES_VERSION is up on :${ES_PORT}"
}

start_redis() {
  apt_install redis-server
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then log "Redis already answers on :$REDIS_PORT"; return 0; fi
  # No persistence: it holds only caches, which the site rebuilds.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --pidfile /tmp/redis-"$REDIS_PORT".pid
  for _ in $(seq 1 30); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null || { log "Redis did not come up"; return 1; }
  log "Redis $(redis-server --version | awk '{print $3}') is up on :$REDIS_PORT"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(postgres chromium elasticsearch redis weasyprint)
for t in "${targets[@]}"; do
  case "$t" in
    postgres) start_postgres ;;
    chromium) start_chromium ;;
    elasticsearch) start_elasticsearch ;;
    redis) start_redis ;;
    weasyprint) start_weasyprint ;;
    *) log "unknown service: $t"; exit 2 ;;
  esac
done
