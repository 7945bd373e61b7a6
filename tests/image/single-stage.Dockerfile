# Baseline for bench/image-size: the single-stage Dockerfile `docker init` writes for a
# Node.js project (ENV NODE_ENV, WORKDIR /usr/src/app, npm ci, USER node, COPY . ., npm
# start), adapted only as far as this workspace needs to run at all:
#   - the same Node.js image as the generated Dockerfile's build stage (trixie-slim, not
#     docker init's alpine); each image is measured on top of its own runtime base (this one
#     on node:<v>-trixie-slim, the generated one on its distroless base);
#   - the module is TypeScript, so the image must build it: npm ci keeps the dev
#     dependencies (tsc, esbuild) and `npm run build` runs in the image;
#   - no BuildKit RUN --mount: the npm cache docker init keeps in a cache mount is removed
#     in the same RUN instead, so it is not counted against the baseline either.
# Build context: the workspace root (the root .dockerignore applies), like the real one.
#   buildah build -f tests/image/single-stage.Dockerfile --build-arg MODULE=billing <workspace>
ARG NODE_VERSION=26.12.1
FROM node:${NODE_VERSION}-trixie-slim

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
