-- Run once by the postgres image on its first start (docker-compose.yml mounts it into
-- /docker-entrypoint-initdb.d): the self-hosted Inngest server keeps its state in a
-- database of its own on the same PostgreSQL server.
CREATE DATABASE inngest;
