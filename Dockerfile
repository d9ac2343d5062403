# syntax=docker/dockerfile:1
# Node 24, the supported LTS line (.nvmrc); the suite also runs on Node 20 (.ci/run runs it on both).
# Build: compile TypeScript and bundle GraphiQL (needs dev dependencies).
FROM node:24.22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY web ./web
COPY schema ./schema
RUN npm run build

# Production dependencies only.
FROM node:24.22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24.22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same Node flags and entry as `npm start` (package.json config.nodeFlags): a bounded heap keeps RSS
# under 200 MB in the benchmark.
CMD ["node", "--max-old-space-size=192", "--max-semi-space-size=8", "--liftoff-only", "dist/start.js"]
