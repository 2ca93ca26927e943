package io.tenure.api.advocacy;

/** A kind of advocacy activity. Written as lower-case codes. */
public enum AdvocacyKind {
    REFERENCE_CALL, REVIEW, CASE_STUDY, SPEAKING, QUOTE;
}
