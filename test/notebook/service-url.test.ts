import { describe, expect, it } from "vitest";
import { serviceUrl } from "../../src/notebook/index.js";

describe("serviceUrl", () => {
  it("maps the emulator's custom TI URLs to the documented service, query kept with $ as the docs write it", () => {
    expect(serviceUrl("http://127.0.0.1:4000/V1.0/AlertDefinitions?%24top=1&%24filter=Id%20eq%202")).toBe(
      "https://ti.securitycenter.windows.com/V1.0/AlertDefinitions?$top=1&$filter=Id%20eq%202",
    );
    expect(serviceUrl("http://localhost:9/V1.0/IndicatorsOfCompromise(3)")).toBe(
      "https://ti.securitycenter.windows.com/V1.0/IndicatorsOfCompromise(3)",
    );
  });

  it("maps the token endpoints to Azure AD's, v1 and v2.0, keeping the tenant", () => {
    expect(serviceUrl("http://127.0.0.1:4000/0000-e1/oauth2/token")).toBe(
      "https://login.windows.net/0000-e1/oauth2/token",
    );
    expect(serviceUrl("http://[::1]:4000/0000-e1/oauth2/v2.0/token")).toBe(
      "https://login.microsoftonline.com/0000-e1/oauth2/v2.0/token",
    );
  });

  it("maps the Indicators API to its documented host", () => {
    expect(serviceUrl("http://127.0.0.1:4000/api/indicators")).toBe(
      "https://api.securitycenter.microsoft.com/api/indicators",
    );
  });

  it("leaves real URLs, the emulator's admin endpoints and text that is no URL as they are", () => {
    expect(serviceUrl("https://ti.securitycenter.windows.com/V1.0/AlertDefinitions")).toBe(
      "https://ti.securitycenter.windows.com/V1.0/AlertDefinitions",
    );
    expect(serviceUrl("http://10.0.0.5/V1.0/AlertDefinitions")).toBe("http://10.0.0.5/V1.0/AlertDefinitions");
    expect(serviceUrl("http://127.0.0.1:4000/_emulator/stats")).toBe("http://127.0.0.1:4000/_emulator/stats");
    expect(serviceUrl("not a url")).toBe("not a url");
  });
});
