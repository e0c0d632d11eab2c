# Kayak console image: Next's standalone output on a slim Node runtime, run as a non-root user.
#   docker build -t kayak .
#   docker run -p 9000:9000 -e KAFKA_BROKERCONNECT=kafka:9092 kayak
#   docker run -p 9000:9000 -p 9092:9092 -e KAYAK_EMBEDDED_BROKER=true -v kayak-data:/data kayak
# Both stages use the same Debian base so native packages (@node-rs/crc32, esbuild) match.

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY next.config.js postcss.config.mjs tsconfig.json ./
COPY app ./app
COPY components ./components
COPY lib ./lib
# The console speaks some Kafka requests with the codecs generated for the broker.
COPY broker/protocol ./broker/protocol
RUN node_modules/.bin/next build

# Only what the bundled broker needs at run time (tsx runs its TypeScript sources), at the
# versions package.json pins; installed apart so the console's traced node_modules stay small.
FROM node:22-bookworm-slim AS broker-deps
WORKDIR /deps
COPY package.json ./
RUN node -e "const d=require('./package.json').dependencies;require('fs').writeFileSync('package.json',JSON.stringify({name:'kayak-broker-deps',private:true,dependencies:Object.fromEntries(['tsx','@node-rs/crc32','ajv','ajv-draft-04','avsc','protobufjs'].map((n)=>[n,d[n]]))}))" \
 && npm install --omit=dev --no-audit --no-fund --no-package-lock

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    SERVER_PORT=9000 \
    HOST=0.0.0.0 \
    KAYAK_EMBEDDED_BROKER=false \
    KAYAK_DATA_DIR=/data
# The standalone server brings its own package.json ("type": "module") and traced node_modules.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=broker-deps --chown=node:node /deps/node_modules ./node_modules
COPY --chown=node:node broker ./broker
COPY --chown=node:node scripts/docker-entry.mjs scripts/login-warning.mjs scripts/node-flags.mjs ./scripts/
RUN mkdir -p /data && chown node:node /data
VOLUME /data
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 9000 9092
CMD ["node", "scripts/docker-entry.mjs"]
