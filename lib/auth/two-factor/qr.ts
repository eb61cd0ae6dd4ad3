import "server-only";
import QRCode from "qrcode";

/**
 * The otpauth:// URI as a QR code, drawn server-side as SVG and handed to an
 * <img> as a data: URL: no script runs, and the CSP's img-src already allows
 * data: (lib/security/headers.ts).
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#0f172a", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
