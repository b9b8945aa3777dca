package org.unrestwatch.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;

/**
 * Issue #19: every number an analyst reads in an alert's summary is a field of the alert, the
 * field its words name, and the fields agree with one another. Returns what disagrees (empty when
 * all adds up).
 */
public final class AlertNumbers {
    private AlertNumbers() {
    }

    public static List<String> disagreements(Alert a) {
        List<String> out = new ArrayList<>();
        String s = a.summary();
        if (a.observed() > a.posts()) {
            out.add("observed " + a.observed() + " > posts " + a.posts());
        }
        if (a.status() == AlertStatus.RESOLVED) {
            expect(out, s, String.format(Locale.ROOT, "resolved: %d protest-related posts vs %.1f expected", a.observed(), a.expected()));
            return out;
        }
        Alert.Trigger t = a.trigger();
        if (t == null) {
            out.add("no trigger on " + a.status());
            return out;
        }
        switch (t.test()) {
            case Alert.Trigger.WINDOW_BURST -> {
                if (t.observed() != a.observed()) {
                    out.add("burst trigger.observed " + t.observed() + " != observed " + a.observed());
                }
                expect(out, s, String.format(Locale.ROOT, "burst: %d protest-related posts vs %.1f expected", t.observed(), t.expected()));
                expect(out, s, String.format(Locale.ROOT, "test score %.2f, opens at %.2f", t.score(), t.threshold()));
            }
            case Alert.Trigger.SUSTAINED_RISE -> {
                expect(out, s, String.format(Locale.ROOT, "sustained rise: %d protest-related posts in the last %d min vs %.1f expected",
                        t.observed(), t.spanMinutes(), t.expected()));
                expect(out, s, String.format(Locale.ROOT, "test score %.2f, opens at %.2f", t.score(), t.threshold()));
                expect(out, s, String.format(Locale.ROOT, "this window %d vs %.1f", a.observed(), a.expected()));
            }
            case Alert.Trigger.ACCOUNT_BURST -> {
                if (t.observed() != a.hyperactiveAccounts()) {
                    out.add("account-burst trigger.observed " + t.observed() + " != hyperactive_accounts " + a.hyperactiveAccounts());
                }
                expect(out, s, String.format(Locale.ROOT, "account burst: %d accounts", t.observed()));
            }
            case Alert.Trigger.NOVEL_RUN -> {
                // The ratio in words adds up: (observed + offset) / (record + offset) is the score, to its rounding.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("test score \\((\\d+) \\+ ([0-9.]+)\\) / \\((\\d+) \\+ ([0-9.]+)\\)")
                        .matcher(s);
                if (!m.find()) {
                    out.add("novel_run summary lacks its ratio: " + s);
                } else {
                    double ratio = (Long.parseLong(m.group(1)) + Double.parseDouble(m.group(2))) / (Long.parseLong(m.group(3)) + Double.parseDouble(m.group(4)));
                    if (Math.abs(ratio - t.score()) > 0.0051 || Long.parseLong(m.group(3)) != t.expected().longValue()) {
                        out.add("novel_run ratio " + m.group() + " is not trigger.score " + t.score() + " over expected " + t.expected());
                    }
                }
                expect(out, s, String.format(Locale.ROOT, "new run: %d protest-related posts in the last %d min, where this region's most in any %d min",
                        t.observed(), t.spanMinutes(), t.spanMinutes()));
                expect(out, s, String.format(Locale.ROOT, "was %d (test score (%d + ", t.expected().longValue(), t.observed()));
                expect(out, s, String.format(Locale.ROOT, "= %.2f, opens at %.2f); this window %d vs %.1f expected", t.score(), t.threshold(),
                        a.observed(), a.expected()));
                if (t.observed() < a.observed()) {
                    out.add("novel_run trigger.observed " + t.observed() + " < the window's observed " + a.observed());
                }
            }
            default -> out.add("unknown trigger test " + t.test());
        }
        if (t.score() != null) {
            // score is the reported test's score over its threshold times open_score: equal, up to the rounding of the three.
            double derived = a.rule().openScore() * t.score() / t.threshold();
            double rounding = 0.006 + a.rule().openScore() * 0.005 * (1 / t.threshold() + t.score() / (t.threshold() * t.threshold()));
            if (Math.abs(a.score() - derived) > rounding) {
                out.add("score " + a.score() + " is not the trigger's " + t.score() + " / " + t.threshold() + " x open_score " + a.rule().openScore());
            }
        }
        if (a.incitementShare() == null) {
            out.add("no incitement_share");
        } else {
            expect(out, s, String.format(Locale.ROOT, "incitement share %.0f%%", 100 * a.incitementShare()));
        }
        expect(out, s, String.format(Locale.ROOT, "%.0f%% new", 100 * a.newAccountShare()));
        expect(out, s, String.format(Locale.ROOT, "alert score %.2f (opens at %.1f)", a.score(), a.rule().openScore()));
        if (a.protestAccounts() == null) {
            out.add("no protest_accounts");
        } else {
            expect(out, s, String.format(Locale.ROOT, "from %d of the window's %d accounts", a.protestAccounts(), a.distinctAccounts()));
            if (a.protestAccounts() > a.distinctAccounts()) {
                out.add("protest_accounts " + a.protestAccounts() + " > distinct_accounts " + a.distinctAccounts());
            }
        }
        expect(out, s, a.hyperactiveAccounts() + " hyperactive");
        Alert.Coordination c = a.coordination();
        if (c != null) { // issue #18: copy-paste's numbers are its own, and add up with the window's
            expect(out, s, String.format(Locale.ROOT, "copy-paste: %d of the window's %d protest posts (share %.2f) in %d coordinated"
                    + " cluster(s), the largest %d accounts with texts at least %.2f alike", c.posts(), a.observed(), c.share(), c.clusters(),
                    c.largest().accounts(), c.largest().similarity()));
            if (c.posts() > a.observed() || c.largest().posts() > c.posts() || c.clusters() < 1) {
                out.add("coordination posts " + c.posts() + " / largest " + c.largest().posts() + " vs observed " + a.observed());
            }
            if (Math.abs(c.share() - (double) c.posts() / a.observed()) > 0.0051) {
                out.add("coordination share " + c.share() + " != " + c.posts() + " / " + a.observed());
            }
            if (c.largest().accountsSample().size() > Math.min(10, c.largest().accounts()) && c.largest().accounts() >= 10) {
                out.add("accounts_sample of " + c.largest().accountsSample().size() + " for " + c.largest().accounts() + " accounts");
            }
        }
        return out;
    }

    private static void expect(List<String> out, String summary, String part) {
        if (!summary.contains(part)) {
            out.add("summary lacks '" + part + "': " + summary);
        }
    }
}
