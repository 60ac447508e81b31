# Sitrep as a long-running container. Every command it runs is in scripts/image-steps.sh, which
# scripts/verify-image-steps.sh runs on a bare clone (see "Run it 24/7" in the README).

# --- build: compile better-sqlite3 and the TypeScript, then drop the dev dependencies -------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 is built from source: node-gyp needs Python, make and a C++ compiler.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/image-steps.sh ./scripts/
RUN sh scripts/image-steps.sh install
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN sh scripts/image-steps.sh build

# --- run: Node.js, the compiled bot and its production dependencies; no compiler, no sources -------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SITREP_DATA_FILE=/data/sitrep.json \
    SITREP_HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/image-steps.sh ./scripts/
# The data file, its journal, backups and lock live in a volume owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# The bot stops on SIGTERM after the writes in flight, within 10 s (docker stop's default grace).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["sh", "scripts/image-steps.sh", "health"]
CMD ["sh", "scripts/image-steps.sh", "start"]
