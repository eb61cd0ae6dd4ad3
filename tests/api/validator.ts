// Validates an API response against the served OpenAPI document (ajv, JSON
// Schema 2020-12 as OpenAPI 3.1 uses): the status must be documented for the
// operation, and the body must match its schema.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { GET as servedDocument } from "@/app/api/v1/openapi.json/route";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

let loaded: Promise<{ ajv: Ajv2020; doc: Doc }> | undefined;

async function load() {
  const doc = (await (await servedDocument(new Request("http://localhost:3000/api/v1/openapi.json"))).json()) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema(doc as object, "openapi");
  return { ajv, doc };
}

const pointer = (...parts: string[]) => parts.map((part) => encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/** Checks a response against the document; answers its parsed body (undefined for an empty one). */
export async function expectDocumented(response: Response, path: string, method: string): Promise<unknown> {
  loaded ??= load();
  const { ajv, doc } = await loaded;
  const operation = doc.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is in the document`).toBeDefined();
  const status = String(response.status);
  const documented = operation!.responses[status];
  expect(documented, `${method} ${path} documents ${status}`).toBeDefined();
  const text = await response.clone().text();
  const contentType = response.headers.get("content-type")?.split(";")[0] ?? "";
  if (!documented!.content) {
    expect(text, `${method} ${path} ${status} has no body`).toBe("");
    return undefined;
  }
  expect(Object.keys(documented!.content), `${method} ${path} ${status} content type`).toContain(contentType);
  const body = JSON.parse(text);
  const ref = `openapi#/${pointer("paths", path, method.toLowerCase(), "responses", status, "content", contentType, "schema")}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${method} ${path} ${status} matches its schema`).toEqual([]);
  return body;
}
