import { DOCS_ALERT_DEFINITION, DOCS_IOC } from "../../schema/index.js";
import type { Seed } from "./seed.js";

/**
 * The built-in sample set (`--seed sample`), built from the docs' own examples: the Python walkthrough's Trojan
 * definition with its SHA-1, the experiment's network alert with its IP, and a domain watch with partial matches.
 */
export const SAMPLE_SEED: Seed = {
  alertDefinitions: [
    {
      ...DOCS_ALERT_DEFINITION,
      iocs: [
        DOCS_IOC,
        {
          Type: "Sha1",
          Value: "8311e8b377736fb93b18b15372355f3f26c4cd29",
          DetectionFunction: "Equals",
          Enabled: true,
        },
      ],
    },
    {
      Name: "Test Alert",
      Severity: "Medium",
      InternalDescription: "An alert to test the threat intel API",
      Title: "Test alert.",
      UxDescription:
        "This is a test alert based on a sample custom alert definition. It was triggered manually to verify the threat intelligence API is enabled.",
      RecommendedAction: "No recommended action, this is a test alert.",
      Category: "SuspiciousNetworkTraffic",
      Enabled: true,
      iocs: [{ Type: "IpAddress", Value: "52.184.197.12", DetectionFunction: "Equals", Enabled: true }],
    },
    {
      Name: "Phishing domains",
      Severity: "High",
      InternalDescription: null,
      Title: "Connection to a known phishing domain",
      UxDescription: "A device connected to a domain on the phishing watch list.",
      RecommendedAction: "Isolate the device and reset the user's credentials.",
      Category: "Malware",
      Enabled: false,
      iocs: [
        {
          Type: "DomainName",
          Value: "login-contoso.example.com",
          DetectionFunction: "Equals",
          Enabled: true,
        },
        { Type: "DomainName", Value: ".badsite.example", DetectionFunction: "EndWith", Enabled: true },
        {
          Type: "Md5",
          Value: "44d88612fea8a8f36de82e1278abb0f7",
          DetectionFunction: "Equals",
          Enabled: true,
        },
      ],
    },
  ],
};
