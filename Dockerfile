FROM node:20-bookworm-slim
WORKDIR /app
ENV PLAYGROUND=off
# Certificates (学时证明, 结业证书) are drawn with Noto Sans CJK; the bot runs as `node` and cannot install it itself.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# npm ci refuses a lock without the darwin/win builds our registry lacks; install from the same lock then.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY examples ./examples
USER node
CMD ["npm", "start"]
