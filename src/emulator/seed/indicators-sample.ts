/**
 * The Indicators API's sample set (part of `--seed sample`), built from the docs' own examples: the submit and
 * import samples (D2, D3) with today's actions, the Microsoft.com example of one domain under block, warn and allow
 * side by side (D13), the portal CSV's sample IP, a URL, a certificate and an Audit alert. Expiry is relative to
 * the clock, so a demo always has indicators that expire soon, later, and never.
 * @example indicatorsSample(Date.now()).length // 10
 */
export function indicatorsSample(nowMs: number): readonly Record<string, unknown>[] {
  const inDays = (days: number): string => new Date(nowMs + days * 86_400_000).toISOString();
  return [
    {
      indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
      indicatorType: "FileSha1",
      title: "test",
      application: "demo-test",
      expirationTime: inDays(30),
      action: "BlockAndRemediate",
      severity: "Informational",
      description: "test",
      recommendedActions: "nothing",
      rbacGroupNames: ["group1", "group2"],
    },
    {
      indicatorValue: "2233223322332233223322332233223322332233223322332233223322332222",
      indicatorType: "FileSha256",
      title: "demo2",
      application: "demo-test2",
      action: "Audit",
      generateAlert: true,
      severity: "Medium",
      description: "demo2",
      recommendedActions: "nothing",
      rbacGroupNames: [],
    },
    ...(["Block", "Warn", "Allowed"] as const).map((action) => ({
      indicatorValue: "microsoft.com",
      indicatorType: "DomainName",
      title: `Microsoft.com: ${action}`,
      description: "One domain under three actions; the conflict resolves Allow > Warn > Block.",
      action,
      severity: "Low",
      rbacGroupNames: action === "Allowed" ? ["Finance"] : [],
    })),
    {
      indicatorValue: "10.10.10.10",
      indicatorType: "IpAddress",
      title: "Sample IP from the portal's import file",
      description: "An internal address: the docs say only external IPs are matched.",
      action: "Audit",
      generateAlert: true,
      severity: "High",
      category: "SuspiciousNetworkTraffic",
      mitreTechniques: ["T1071"],
      expirationTime: inDays(2),
    },
    {
      indicatorValue: "52.184.197.12",
      indicatorType: "IpAddress",
      title: "Test alert.",
      description: "The custom TI experiment's test address, carried over to the Indicators API.",
      action: "Block",
      severity: "Medium",
      expirationTime: inDays(90),
    },
    {
      indicatorValue: "https://login-contoso.example.com/phish",
      indicatorType: "Url",
      title: "Connection to a known phishing page",
      description: "A phishing page on the watch list.",
      action: "Warn",
      severity: "High",
      educateUrl: "https://contoso.example.com/security/phishing",
      expirationTime: inDays(7),
    },
    {
      indicatorValue: "44d88612fea8a8f36de82e1278abb0f7",
      indicatorType: "FileMd5",
      title: "EICAR test file",
      description: "The EICAR anti-malware test file.",
      action: "Block",
      severity: "Low",
      externalId: "eicar-md5",
    },
    {
      indicatorValue: "5e1a1b0b9f1b1d1b5d1e6a1c8b9d2f3a4b5c6d7e",
      indicatorType: "CertificateThumbprint",
      title: "Revoked signing certificate",
      description: "A code-signing certificate reported as stolen.",
      action: "BlockAndRemediate",
      severity: "High",
    },
  ];
}
