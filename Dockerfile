# crossbmo service image (API + CLI). Build context: the repository root.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
    && useradd --create-home --uid 10001 crossbmo \
    && mkdir -p /app/var && chown crossbmo /app/var
USER crossbmo

EXPOSE 8000
CMD ["crossbmo", "serve", "--host", "0.0.0.0", "--port", "8000"]
