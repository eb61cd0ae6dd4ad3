// A local stand-in for Twilio's REST API. The real twilio SDK is pointed at
// it with TWILIO_API_BASE (lib/notifications/sms/twilio.ts rebases each
// request onto it), so what would reach Twilio — Basic auth, the form body —
// is exactly what is checked. It answers Messages.json as Twilio does.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedSms {
  path: string;
  authorization: string | null;
  params: Record<string, string>;
  sid: string;
}

export async function startFakeTwilio(): Promise<{
  url: string;
  messages: CapturedSms[];
  /** The next sends are refused as Twilio refuses a bad number (HTTP 400, code 21211). */
  refuseNext: (count: number) => void;
  stop: () => Promise<void>;
}> {
  const messages: CapturedSms[] = [];
  let refusals = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      const match = request.url?.match(/^\/api\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
      if (request.method !== "POST" || !match) {
        response.statusCode = 404;
        response.end(JSON.stringify({ code: 20404, message: "The requested resource was not found", status: 404 }));
        return;
      }
      if (refusals > 0) {
        refusals -= 1;
        response.statusCode = 400;
        response.end(JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number", more_info: "https://www.twilio.com/docs/errors/21211", status: 400 }));
        return;
      }
      const params = Object.fromEntries(new URLSearchParams(body));
      // Unique like Twilio's: test files share one database, and status callbacks find a message by its sid.
      const sid = `SM${randomUUID().replaceAll("-", "")}`;
      messages.push({ path: request.url!, authorization: request.headers.authorization ?? null, params, sid });
      response.statusCode = 201;
      response.end(
        JSON.stringify({
          sid,
          account_sid: match[1],
          to: params.To,
          from: params.From ?? null,
          messaging_service_sid: params.MessagingServiceSid ?? null,
          body: params.Body,
          status: "queued",
          num_segments: "1",
          direction: "outbound-api",
          api_version: "2010-04-01",
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${match[1]}/Messages/${sid}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => (refusals = count),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
