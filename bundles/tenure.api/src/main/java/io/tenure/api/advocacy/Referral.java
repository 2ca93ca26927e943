package io.tenure.api.advocacy;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * A referral from a customer: the lead it brought, the CSM credited, and the ARR it won.
 *
 * @param accountId the referring account
 * @param id the referral's identifier
 * @param date when it was asked for or given
 * @param lead who was referred (a company or person)
 * @param csm the CSM credited, if any
 * @param status requested, introduced, qualified, won, lost or declined
 * @param wonArr new-logo ARR won, once won
 * @param referredAccountId the account the lead became, once won
 */
public record Referral(String accountId, String id, LocalDate date, String lead, Optional<String> csm,
        ReferralStatus status, Optional<Money> wonArr, Optional<String> referredAccountId) {

    public static final EntityType<Referral> TYPE = EntityType.builder("referrals", Referral.class,
            "referrals with the credited CSM, lead and won ARR")
            .accountId(Referral::accountId)
            .id("referral_id", "the referral's identifier", Referral::id)
            .date("date", true, "when it was asked for or given", Referral::date)
            .text("lead", true, 200, "who was referred", Referral::lead)
            .text("csm", false, 100, "csm_id of the credited CSM", Referral::csm)
            .code("status", false, ReferralStatus.class,
                    "requested, introduced, qualified, won, lost or declined (default requested)", Referral::status)
            .money("won_arr", false, "new-logo ARR won in major units", Referral::wonArr)
            .text("referred_account_id", false, 100, "the account the lead became", Referral::referredAccountId)
            .build(r -> new Referral(r.text("account_id"), r.text("referral_id"), r.date("date"), r.text("lead"),
                    r.optionalText("csm"), r.optionalCode("status", ReferralStatus.class).orElse(ReferralStatus.REQUESTED),
                    r.optionalMoney("won_arr"), r.optionalText("referred_account_id")));

    public Referral {
        Require.text(accountId, "account_id");
        Require.text(id, "referral_id");
        Require.present(date, "date");
        Require.text(lead, "lead");
        Require.optional(csm, "csm");
        Require.present(status, "status");
        Require.optional(wonArr, "won_arr").filter(m -> m.minorUnits() < 0).ifPresent(m -> {
            throw new IllegalArgumentException("won_arr " + m.toDecimalString() + " is negative");
        });
        Require.optional(referredAccountId, "referred_account_id");
    }
}
