import { afterEach, describe, expect, it } from "vitest";
import { bodyWithNonce, clearPageStore, keptPage, nonceOffsets, renderOnce, type RenderedPage } from "./store";

const NONCE = Buffer.from("11111111-2222-3333-4444-555555555555").toString("base64");
const OTHER = Buffer.from("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee").toString("base64");

function page(html: string, options: { keepable?: boolean; nonce?: string | null } = {}): RenderedPage {
  const body = Buffer.from(html);
  const nonce = options.nonce === undefined ? NONCE : options.nonce;
  return { status: 200, headers: [["content-type", "text/html"]], body, nonce, nonceAt: nonceOffsets(body, nonce), keepable: options.keepable ?? true };
}

afterEach(() => clearPageStore());

describe("the page store", () => {
  it("puts the visitor's nonce wherever the render's stood, multi-byte text around it included", () => {
    const rendered = page(`<script nonce="${NONCE}">é</script><p>Dr. José ★</p>{"nonce":"${NONCE}"}`);
    expect(rendered.nonceAt).toHaveLength(2);
    const answered = bodyWithNonce(rendered, OTHER).toString("utf8");
    expect(answered).toBe(`<script nonce="${OTHER}">é</script><p>Dr. José ★</p>{"nonce":"${OTHER}"}`);
    // The kept page itself is untouched: the next visitor gets their own nonce from the same bytes.
    expect(rendered.body.toString("utf8")).toContain(NONCE);
    expect(bodyWithNonce(rendered, "short").toString("utf8")).toBe(`<script nonce="short">é</script><p>Dr. José ★</p>{"nonce":"short"}`);
  });

  it("answers a kept page only for the fingerprint it was rendered with", async () => {
    await renderOnce("/doctors/a", "v1", 60_000, async () => page("<p>v1</p>"));
    expect(keptPage("/doctors/a", "v1")?.body.toString()).toBe("<p>v1</p>");
    expect(keptPage("/doctors/a", "v2")).toBeNull();
    expect(keptPage("/doctors/b", "v1")).toBeNull();
  });

  it("keeps a page no longer than its time", async () => {
    await renderOnce("/", null, 1, async () => page("<p>home</p>"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(keptPage("/", null)).toBeNull();
  });

  it("renders once for every visitor asking at the same moment, and again once the render is over", async () => {
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return page("<p>once</p>", { keepable: false });
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => renderOnce("/doctors", null, 60_000, render)));
    expect(renders).toBe(1);
    expect(new Set(answers)).toEqual(new Set([answers[0]]));
    await renderOnce("/doctors", null, 60_000, render);
    expect(renders).toBe(2);
  });

  it("never keeps what may not be kept (a Set-Cookie, a status other than 200) or a failed render", async () => {
    await renderOnce("/a", null, 60_000, async () => page("<p>cookie</p>", { keepable: false }));
    await renderOnce("/b", null, 60_000, async () => null);
    expect(keptPage("/a", null)).toBeNull();
    expect(keptPage("/b", null)).toBeNull();
  });
});
