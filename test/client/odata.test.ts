import { describe, expect, it } from "vitest";
import { buildQuery, isFilter, literal, where } from "../../src/http/index.js";
import { ValidationError } from "../../src/errors/index.js";

describe("OData query building", () => {
  it("writes every option with $-names and percent-encoding", () => {
    const query = buildQuery({
      filter: "Severity eq 'High'",
      orderBy: ["Severity", "Id desc"],
      select: ["Id", "Title"],
      expand: "IndicatorsOfCompromise",
      top: 5,
      skip: 10,
      count: true,
    });
    expect(query).toBe(
      "?$filter=Severity%20eq%20'High'&$orderby=Severity%2CId%20desc&$select=Id%2CTitle" +
        "&$expand=IndicatorsOfCompromise&$top=5&$skip=10&$count=true",
    );
    expect(decodeURIComponent(query)).toContain("$orderby=Severity,Id desc");
  });

  it("returns an empty string when there is nothing to ask", () => {
    expect(buildQuery({})).toBe("");
    expect(buildQuery({ filter: " " })).toBe("");
  });

  it("refuses a negative or fractional top with a ValidationError", () => {
    expect(() => buildQuery({ top: -1 })).toThrow(ValidationError);
    expect(() => buildQuery({ skip: 1.5 })).toThrow(/skip/);
  });

  it("encodes characters that would break the query string", () => {
    expect(buildQuery({ filter: where.eq("Title", "a&b=c#d+e") })).toBe(
      "?$filter=Title%20eq%20'a%26b%3Dc%23d%2Be'",
    );
  });
});

describe("the where filter helper", () => {
  it("quotes strings, doubling single quotes", () => {
    expect(String(where.eq("Title", "O'Brien's"))).toBe("Title eq 'O''Brien''s'");
    expect(literal("''")).toBe("''''''");
  });

  it("writes numbers, booleans, null and dates unquoted", () => {
    expect(String(where.gt("Id", 10))).toBe("Id gt 10");
    expect(String(where.eq("Enabled", false))).toBe("Enabled eq false");
    expect(String(where.eq("ExpiresAt", null))).toBe("ExpiresAt eq null");
    expect(String(where.ge("CreatedAt", new Date("2030-01-01T00:00:00Z")))).toBe(
      "CreatedAt ge 2030-01-01T00:00:00.000Z",
    );
  });

  it("builds in, contains, startswith and endswith", () => {
    expect(String(where.in("Severity", ["High", "Medium"]))).toBe("Severity in ('High','Medium')");
    expect(String(where.contains("Title", "it's"))).toBe("contains(Title,'it''s')");
    expect(String(where.startsWith("Value", "dead"))).toBe("startswith(Value,'dead')");
    expect(String(where.endsWith("Value", ".com"))).toBe("endswith(Value,'.com')");
  });

  it("combines with and, or and not, parenthesising each part", () => {
    const f = where.and(where.eq("Severity", "High"), where.or("Enabled eq true", where.ne("Id", 3)));
    expect(String(f)).toBe("(Severity eq 'High') and ((Enabled eq true) or (Id ne 3))");
    expect(String(where.not(where.eq("Enabled", true)))).toBe("not (Enabled eq true)");
    expect(isFilter(f)).toBe(true);
    expect(JSON.stringify({ f })).toBe(JSON.stringify({ f: String(f) }));
  });

  it("refuses an empty in list, which OData cannot express", () => {
    expect(() => where.in("Severity", [])).toThrow(ValidationError);
  });

  it("refuses a property name that could inject an expression", () => {
    expect(() => where.eq("Id eq 1 or Id", 2)).toThrow(ValidationError);
  });
});
