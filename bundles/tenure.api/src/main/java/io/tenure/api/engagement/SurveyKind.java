package io.tenure.api.engagement;

/** The survey a response answers: NPS (0–10) or CSAT (1–5). Written as lower-case codes. */
public enum SurveyKind {
    NPS, CSAT;
}
