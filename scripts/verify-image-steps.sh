#!/usr/bin/env bash
# What can be checked of the container image without a container runtime (none runs on the dev machines):
# clones the committed branch into an empty temp dir and runs the very steps the Dockerfile runs
# (scripts/image-steps.sh, as its RUN, CMD and HEALTHCHECK lines call it), then starts the bot the way the
# image does against the local Discord stand-in, stops it with SIGTERM and checks the lock is released.
# Needs network for npm ci, and python3, make and g++ (as the build stage installs them).
# Usage: scripts/verify-image-steps.sh   (from the project, with its node_modules for the stand-in)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-image-steps.XXXXXX")"
bot_pid="" stand_in_pid=""
cleanup() {
  [ -n "$bot_pid" ] && kill "$bot_pid" 2>/dev/null || true
  [ -n "$stand_in_pid" ] && kill "$stand_in_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }

git clone -q "$root" "$work/sitrep"
cd "$work/sitrep"
ok "cloned $(git rev-parse --short HEAD) into $work/sitrep (nothing beside it)"

# The systemd unit: systemd's own checker, which must have nothing to say.
if command -v systemd-analyze >/dev/null; then
  report="$(systemd-analyze verify systemd/sitrep.service 2>&1)" || fail "systemd-analyze verify: $report"
  [ -z "$report" ] || fail "systemd-analyze verify: $report"
  ok "systemd-analyze verify systemd/sitrep.service: no findings"
else
  echo "skip systemd-analyze is not installed"
fi

# The Dockerfile's commands: every RUN that is not the apt-get of the build tools or the volume's
# mkdir/chown must be an image-steps.sh step; CMD and HEALTHCHECK must be the start and health steps.
run_steps=()
while IFS= read -r line; do
  if [[ "$line" =~ image-steps\.sh[[:space:]]+([a-z]+) ]]; then
    run_steps+=("${BASH_REMATCH[1]}")
  elif [[ "$line" =~ apt-get|mkdir\ -p\ /data ]]; then
    echo "skip $line   (not run here: needs the image's Debian and root)"
  else
    fail "the Dockerfile runs a command outside scripts/image-steps.sh: $line"
  fi
done < <(grep -E '^RUN ' Dockerfile)
[ "${run_steps[*]}" = "install build" ] || fail "the Dockerfile's RUN steps are '${run_steps[*]}', expected 'install build'"
grep -qE '^CMD \["sh", "scripts/image-steps.sh", "start"\]$' Dockerfile || fail "the Dockerfile's CMD is not the start step"
grep -qE '^  CMD \["sh", "scripts/image-steps.sh", "health"\]$' Dockerfile || fail "the Dockerfile's HEALTHCHECK is not the health step"
grep -qE '^STOPSIGNAL SIGTERM$' Dockerfile || fail "the Dockerfile has no STOPSIGNAL SIGTERM"
ok "the Dockerfile runs: install, build (RUN), start (CMD), health (HEALTHCHECK) of scripts/image-steps.sh"

for step in "${run_steps[@]}"; do
  echo "---- sh scripts/image-steps.sh $step"
  sh scripts/image-steps.sh "$step"
  ok "step $step"
  if [ "$step" = install ]; then
    [ -d node_modules/better-sqlite3/build/Release/obj.target ] || fail "better-sqlite3 was not compiled from source"
    ok "better-sqlite3 compiled from source in the clone (node_modules/better-sqlite3/build/Release/obj.target)"
  fi
done
[ ! -e node_modules/typescript ] && [ ! -e node_modules/vitest ] || fail "dev dependencies are still installed after the build step"
[ -f dist/main.js ] && [ -f dist/data/stories/iran-pakistan-2024.json ] || fail "dist/ lacks main.js or the bundled story"
ok "dist/ built with the bundled story; dev dependencies pruned; native modules load (node dist/main.js --check)"

# Start as the image does, against the stand-in (run from the project, whose node_modules has ws and tsx).
"$root/node_modules/.bin/tsx" "$root/tests/discord/serve.ts" >"$work/stand-in.out" &
stand_in_pid=$!
for _ in $(seq 100); do [ -s "$work/stand-in.out" ] && break; sleep 0.1; done
api_url="$(head -n1 "$work/stand-in.out")"
[ -n "$api_url" ] || fail "the Discord stand-in did not start"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
mkdir "$work/data"
env -i PATH="$PATH" HOME="$work" NODE_ENV=production \
  DISCORD_TOKEN="$(printf 111111111111111111 | base64).abc.verify-image-steps" DISCORD_API_URL="$api_url" \
  SITREP_DATA_FILE="$work/data/sitrep.json" SITREP_HTTP_PORT="$port" \
  sh scripts/image-steps.sh start >"$work/bot.log" 2>&1 &
bot_pid=$!
for _ in $(seq 300); do grep -q 'Sitrep is online' "$work/bot.log" && break; kill -0 "$bot_pid" 2>/dev/null || break; sleep 0.1; done
grep -q 'Sitrep is online' "$work/bot.log" || { cat "$work/bot.log" >&2; fail "the start step did not bring the bot online"; }
[ "$(ps -o comm= -p "$bot_pid")" = node ] || fail "the start step left a shell in front of node (docker stop's SIGTERM would not reach the bot)"
ok "step start: online against the stand-in; the process docker signals is node itself (pid $bot_pid)"

if grep -rqs '/healthz' dist; then
  SITREP_HTTP_PORT="$port" sh scripts/image-steps.sh health || fail "step health: /healthz is not healthy"
  ok "step health"
else
  echo "skip step health: this build serves no /healthz yet (SITREP_HTTP_PORT comes with the health endpoint)"
fi

started=$(date +%s%N)
kill -TERM "$bot_pid"
for _ in $(seq 100); do kill -0 "$bot_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$bot_pid" 2>/dev/null && fail "the bot still runs 10 s after SIGTERM"
wait "$bot_pid" && code=0 || code=$?
bot_pid=""
[ "$code" = 0 ] || fail "the bot exited $code after SIGTERM"
[ ! -e "$work/data/sitrep.json.lock" ] || fail "the data file's lock is still held after the stop"
ok "SIGTERM: stopped in $(( ($(date +%s%N) - started) / 1000000 )) ms, exit 0, lock released"
echo "image steps verified on a bare clone"
