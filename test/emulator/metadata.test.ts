import { describe, expect, it } from "vitest";
import { CATEGORIES, IOC_TYPES } from "../../src/schema/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller } from "./support.js";

const emulator = await startTestEmulator();
const call = caller(emulator);

describe("$metadata and the service document", () => {
  it("publishes a CSDL document with both entity types, their enums, lengths and navigation", async () => {
    const r = await call("GET", "/v1.0/$metadata");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = r.text;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<edmx:Edmx Version="4.0"/);
    expect(xml).toContain('<EntityType Name="AlertDefinition"><Key><PropertyRef Name="Id"/></Key>');
    expect(xml).toContain('<Property Name="Name" Type="Edm.String" Nullable="false" MaxLength="100"/>');
    expect(xml).toContain(
      '<Property Name="RecommendedAction" Type="Edm.String" Nullable="true" MaxLength="2000"/>',
    );
    expect(xml).toContain('<Property Name="ExpiresAt" Type="Edm.DateTimeOffset" Nullable="true"/>');
    expect(xml).toContain('<NavigationProperty Name="IndicatorsOfCompromise" Type="Collection(');
    expect(xml).toContain('<NavigationProperty Name="AlertDefinition" Type="');
    for (const value of [...CATEGORIES, ...IOC_TYPES, "Informational", "StartWith"]) {
      expect(xml).toContain(`<Member Name="${value}"`);
    }
    expect(xml).toContain('<Schema Namespace="Actions"');
    expect(xml).toContain('<Action Name="BulkUpload" IsBound="true">');
    expect(xml).toContain('<Action Name="DeleteIOCs" IsBound="true">');
    expect(xml).toContain('<EntitySet Name="IndicatorsOfCompromise"');
  });

  it("lists both entity sets in the service document", async () => {
    const r = await call("GET", "/V1.0/");
    expect(r.json).toEqual({
      "@odata.context": `${emulator.apiUrl}/$metadata`,
      value: [
        { name: "AlertDefinitions", kind: "EntitySet", url: "AlertDefinitions" },
        { name: "IndicatorsOfCompromise", kind: "EntitySet", url: "IndicatorsOfCompromise" },
      ],
    });
    expect((await call("GET", "/V1.0")).status).toBe(200);
  });

  it("marks every API reply as OData 4.0 and echoes client-request-id", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions", { headers: { "client-request-id": "abc-123" } });
    expect(r.headers.get("client-request-id")).toBe("abc-123");
    expect(r.headers.get("odata-version")).toBe("4.0");
    expect(r.headers.get("content-type")).toMatch(/^application\/json; odata.metadata=minimal/);
  });
});
