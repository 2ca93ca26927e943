package io.tenure.api.advocacy;

/** Where a referral stands. Written as lower-case codes. */
public enum ReferralStatus {
    REQUESTED, INTRODUCED, QUALIFIED, WON, LOST, DECLINED;
}
