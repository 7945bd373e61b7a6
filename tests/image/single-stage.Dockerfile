# Baseline for bench/image-size: the single-stage Dockerfile `docker init` writes for a
# Node.js project (ENV NODE_ENV, WORKDIR /usr/src/app, npm ci, USER node, COPY . ., npm
# start), adapted only as far as this workspace needs to run at all:
#   - same base image as the generated Dockerfile (bookworm-slim, not docker init's
#     alpine), so both are measured on top of the same runtime base;
#   - the module is TypeScript, so the image must build it: npm ci keeps the dev
#     dependencies (tsc, esbuild) and `npm run build` runs in the image;
#   - no BuildKit RUN --mount: the npm cache docker init keeps in a cache mount is removed
#     in the same RUN instead, so it is not counted against the baseline either.
# Build context: the workspace root (the root .dockerignore applies), like the real one.
#   buildah build -f tests/image/single-stage.Dockerfile --build-arg MODULE=billing <workspace>
ARG NODE_VERSION=22.23.3
FROM node:${NODE_VERSION}-bookworm-slim

ARG MODULE
ENV NODE_ENV=production

WORKDIR /usr/src/app

COPY . .
RUN test -n "$MODULE" \
 && npm ci --include=dev --no-audit --no-fund \
 && npm run build --workspace "modules/$MODULE/mcp" \
 && npm cache clean --force

USER node
WORKDIR /usr/src/app/modules/${MODULE}/mcp
EXPOSE 8080
CMD npm start
