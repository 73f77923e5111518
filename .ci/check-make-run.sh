#!/usr/bin/env bash
# Start `make run` from this tree in the background, fetch the seed page over HTTP, stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
LOG=$(mktemp)
SEED_PATH=/zwgk/zfxxgk/yfxz/

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is already in use; set PORT to a free one"; exit 1
fi

setsid make run PORT="$PORT" >"$LOG" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "make run exited early:"; cat "$LOG"; exit 1; }
  sleep 1
done

SEED_TITLE="武冈市城市管理和综合执法局2024年法治政府建设工作报告"
column=$(curl -fsS "http://127.0.0.1:$PORT$SEED_PATH")
# Find the seed report by its title: the column also lists other items, such as the site-health
# demo's 示例数据 item dated the load day, which sorts first.
link=$(grep -o "href=\"$SEED_PATH[^\"]*/\"[^>]*>$SEED_TITLE<" <<<"$column" | sed -n '1{s/^href="//; s/".*$//; p}')
[ -n "$link" ] || { echo "no seed page listed in $SEED_PATH"; cat "$LOG"; exit 1; }
page=$(curl -fsS "http://127.0.0.1:$PORT$link")
for expected in "$SEED_TITLE" "一、工作进展和成效" "湘ICP备13005897号" "扫一扫在手机打开当前页"; do
  # A here-string, not `printf | grep -q`: under pipefail, grep -q exiting at the first match
  # can kill printf with SIGPIPE and fail the check at random.
  grep -qF -- "$expected" <<<"$page" || { echo "seed page $link lacks: $expected"; exit 1; }
done
echo "make run served the seed page at $link"
