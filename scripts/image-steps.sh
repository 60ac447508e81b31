#!/bin/sh
# The install, build, start and health commands of the container image, in one place: the Dockerfile
# RUNs this script (install, build), starts with it (start) and checks health with it (health), and
# scripts/verify-image-steps.sh runs the very same steps on a bare clone. Run from the project root.
set -eu

step="${1:-}"
case "$step" in
  install)
    # Every dependency exactly as locked, dev ones included (the build needs tsc). better-sqlite3 is
    # compiled here from its C sources against this Node.js and this libc, not downloaded prebuilt.
    nodedir="$(dirname "$(dirname "$(command -v node)")")"
    if [ -f "$nodedir/include/node/node.h" ]; then
      # Node's own headers, so node-gyp needs no download.
      npm_config_nodedir="$nodedir"
      export npm_config_nodedir
    fi
    # (npm 11 warns that it does not know build-from-source: the variable is for prebuild-install, which reads it.)
    npm_config_build_from_source=true npm ci --no-audit --no-fund
    ;;
  build)
    # dist/ from src/, then only what runs: dev dependencies removed, the native modules probed.
    npm run build
    npm prune --omit=dev --no-audit --no-fund
    node dist/main.js --check
    ;;
  start)
    # exec: node replaces the shell, so docker stop's SIGTERM reaches the bot itself.
    exec node dist/main.js
    ;;
  health)
    # The bot's /healthz (gateway connected, store writable, schedule sweep recent) on SITREP_HTTP_PORT.
    exec node -e '
      const port = process.env.SITREP_HTTP_PORT;
      if (!port) { console.error("health: SITREP_HTTP_PORT is not set"); process.exit(1); }
      fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
        (response) => { console.log(`health: /healthz answered ${response.status}`); process.exit(response.ok ? 0 : 1); },
        (error) => { console.error(`health: /healthz did not answer (${error.cause?.code ?? error.message})`); process.exit(1); },
      );'
    ;;
  *)
    echo "usage: sh scripts/image-steps.sh install|build|start|health" >&2
    exit 2
    ;;
esac
