import { describe, expect, it } from "vitest";
import { mg11WitnessStatement } from "@/lib/forms/national/mg11-witness-statement";
import { answersToValues, controlId, pageOfPath, valuesToAnswers, widgetOf } from "./form-values";

describe("answers and form values", () => {
  it("round-trips answers through the controls", () => {
    const answers = {
      witnessName: "Jane Doe",
      isOver18: false,
      ageIfUnder18: 15,
      isDeclarationSigned: true,
      statementTakenFrom: "2025-03-01T10:30:00.000Z",
      datesToAvoid: [{ from: "2025-04-01", to: "2025-04-02" }],
    };
    const values = answersToValues(mg11WitnessStatement, answers);
    expect(values.isOver18).toBe("no");
    expect(values.ageIfUnder18).toBe("15");
    expect(values.isDeclarationSigned).toBe(true);
    expect(values.measureScreens).toBe(false);
    expect(values.datesToAvoid).toEqual([{ from: "2025-04-01", to: "2025-04-02", note: "" }]);
    expect(valuesToAnswers(mg11WitnessStatement, values)).toEqual(answers);
  });

  it("leaves blanks out and keeps what is not a number as typed", () => {
    const values = answersToValues(mg11WitnessStatement, {});
    expect(valuesToAnswers(mg11WitnessStatement, values)).toEqual({});
    expect(valuesToAnswers(mg11WitnessStatement, { ...values, postcode: "  ", ageIfUnder18: "fifteen", isOver18: "yes" })).toEqual({ ageIfUnder18: "fifteen", isOver18: true });
  });

  it("converts a datetime-local value to an ISO instant", () => {
    const iso = valuesToAnswers(mg11WitnessStatement, { ...answersToValues(mg11WitnessStatement, {}), statementTakenTo: "2025-03-01T11:45" }).statementTakenTo as string;
    expect(new Date(iso).toISOString()).toBe(iso);
    expect(answersToValues(mg11WitnessStatement, { statementTakenTo: iso }).statementTakenTo).toBe("2025-03-01T11:45");
  });

  it("picks a widget from the schema when the layout names none", () => {
    expect(widgetOf({}, { type: "string", enum: ["a"] })).toBe("select");
    expect(widgetOf({}, { type: "string", format: "date-time" })).toBe("datetime");
    expect(widgetOf({ widget: "radio" }, { type: "string", enum: ["a"] })).toBe("radio");
  });

  it("finds an error's control and page", () => {
    expect(controlId("witnessName")).toBe("field-witnessName");
    expect(controlId("datesToAvoid[1].from")).toBe("field-datesToAvoid-1-from");
    expect(controlId("datesToAvoid[1]")).toBe("field-datesToAvoid-1");
    expect(pageOfPath(mg11WitnessStatement, "datesToAvoid[1].from")).toBe(1);
    expect(pageOfPath(mg11WitnessStatement, "statementText")).toBe(0);
    expect(pageOfPath(mg11WitnessStatement, "")).toBe(-1);
  });
});
