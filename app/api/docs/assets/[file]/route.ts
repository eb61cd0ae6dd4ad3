import { docsAsset } from "@/lib/api/docs-page";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const asset = await docsAsset((await params).file);
  if (!asset) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(asset.body as BodyInit, { headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" } });
}
