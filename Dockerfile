# The web archive in one image. The source tree stays at /app and is installed editable,
# because templates/, static/ and migrations/ are read from the tree next to the code.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEVZONE_DATA_DIR=/data

WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -e . && python -m compileall -q app ingest

VOLUME ["/data"]
EXPOSE 8000

# `serve` ingests the bundled sample corpus when /data holds no archive yet.
CMD ["devzone", "serve", "--host", "0.0.0.0", "--port", "8000"]
