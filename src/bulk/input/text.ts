import { indicatorValueRule, inferIocType } from "../../schema/index.js";
import { rejection, type ReadResult, type Rejection, type SourceRow } from "../types.js";

/**
 * Reads one value per line, inferring its type from its shape (hash length, IP, host name). Blank lines and `#`
 * comments are skipped; defanged dots (`[.]`, `(.)`) are restored, as threat feeds often publish them. With
 * `indicatorTypes` (the Indicators API) an http(s) URL is a Url too, a defanged `hxxp(s)://` restored.
 * @example readText("# feed\n52.184.197.12\n").rows[0] // { line: 2, fields: { Type: "IpAddress", Value: "52.184.197.12" } }
 */
export function readText(text: string, indicatorTypes = false): ReadResult {
  const rows: SourceRow[] = [];
  const rejected: Rejection[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const plain = (raw.split("#")[0] ?? "").trim().replace(/\[\.\]|\(\.\)/g, ".");
    if (plain === "") return;
    const value = indicatorTypes ? plain.replace(/^hxxp(s?):\/\//i, "http$1://") : plain;
    const type = inferIocType(value) ?? (indicatorTypes ? urlType(value) : undefined);
    if (type) rows.push({ line, fields: { Type: type, Value: value } });
    else {
      const url = indicatorTypes ? ", an http(s) URL" : "";
      const rule = `has no recognisable type (not a 32/40/64-hex hash, an IP address${url} or a host name)`;
      rejected.push(rejection(line, [{ field: "Value", value, rule }]));
    }
  });
  return { format: "text", rows, rejected, warnings: [] };
}

function urlType(value: string): "Url" | undefined {
  return indicatorValueRule("Url", value) === undefined ? "Url" : undefined;
}
