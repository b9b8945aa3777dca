package org.unrestwatch.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenario-like posts for the benchmark, per the README's post contract: {@code id},
 * {@code created_at}, {@code text}, {@code lang}, {@code account.id} and, for most posts, an ISO
 * {@code region}. Texts are in English, Urdu script and Roman Urdu; protest texts use mobilisation
 * terms of {@code config/lexicon.csv}, neutral texts match no lexicon term (BenchPostsTest checks
 * both against the detector's own parser and enricher). Deterministic from the seed; one instance
 * per thread.
 */
final class BenchPosts {
    /** Provinces and territories, ordered by their share of posts. */
    static final List<String> REGIONS = List.of("PK-PB", "PK-SD", "PK-KP", "PK-BA", "PK-JK", "PK-IS", "PK-GB");
    /** Share of each region's posts, roughly its share of Pakistan's population (2023 census): Punjab about half. */
    static final double[] REGION_WEIGHTS = {0.51, 0.22, 0.16, 0.06, 0.02, 0.02, 0.01};
    /** Posts that carry no region at all (the detector counts them as "unknown"). */
    static final double NO_REGION_SHARE = 0.05;
    /** Share of protest-related posts in the throughput backlog. */
    static final double PROTEST_SHARE = 0.10;
    static final int NO_REGION = -1;

    private static final String[] CITY = {"Lahore", "Karachi", "Peshawar", "Quetta", "Muzaffarabad", "Islamabad", "Gilgit"};
    private static final String[] CITY_URDU = {"لاہور", "کراچی", "پشاور", "کوئٹہ", "مظفرآباد", "اسلام آباد", "گلگت"};

    /** A text template, {@code %s} standing for a city in the template's script, and its lang tag. */
    record Template(String text, String lang) {
    }

    static final List<Template> NEUTRAL = List.of(
            new Template("Traffic near %s is terrible today", "en"),
            new Template("Anyone watching the match tonight?", "en"),
            new Template("Load shedding again in %s, third time this week", "en"),
            new Template("Petrol prices up again, the monthly budget is tight", "en"),
            new Template("New cafe opened in %s, worth a visit", "en"),
            new Template("%s mein aaj mausam bohat acha hai", "und"),
            new Template("Chai aur pakoray, perfect shaam", "und"),
            new Template("Bijli phir chali gayi %s mein", "und"),
            new Template("%s ki biryani ka koi jawab nahi", "und"),
            new Template("Exams agle hafte hain, dua karein", "und"),
            new Template("آج %s میں موسم بہت اچھا ہے", "ur"),
            new Template("میچ کون دیکھ رہا ہے؟", "ur"),
            new Template("شادی کی تیاریاں شروع", "ur"),
            new Template("%s میں بجلی پھر چلی گئی", "ur"));

    static final List<Template> PROTEST = List.of(
            new Template("Come out on the streets, block the roads in %s", "en"),
            new Template("Sit-in outside the press club in %s continues tonight", "en"),
            new Template("Long march to %s starts tomorrow morning", "en"),
            new Template("Sab %s pohnchein, dharna jari rahega", "und"),
            new Template("Shutter down hartal kal poore mulk mein", "und"),
            new Template("Pahiya jam hartal, sarkein band karo", "und"),
            new Template("%s mein sarkein band, sarkon par niklo", "und"),
            new Template("سڑکیں بند کر دو، دھرنا جاری رہے گا", "ur"),
            new Template("شٹر ڈاؤن ہڑتال، سب %s پہنچیں", "ur"),
            new Template("%s میں احتجاج جاری ہے", "ur"));

    /** {@code "text":"...","lang":"..."} pre-rendered per region (index 0 = no region) and template. */
    private final byte[][][] neutralFields;
    private final byte[][][] protestFields;
    private final SplittableRandom random;

    BenchPosts(long seed) {
        this.random = new SplittableRandom(seed);
        this.neutralFields = render(NEUTRAL);
        this.protestFields = render(PROTEST);
    }

    SplittableRandom random() {
        return random;
    }

    /** A region index drawn by population share, or {@link #NO_REGION} for {@link #NO_REGION_SHARE} of posts. */
    int drawRegionOrNone() {
        return random.nextDouble() < NO_REGION_SHARE ? NO_REGION : drawRegion();
    }

    /** A region index drawn by population share. */
    int drawRegion() {
        return drawWeighted(REGION_WEIGHTS);
    }

    int drawWeighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Poisson-distributed count with mean {@code mean} (normal approximation above 30). */
    int poisson(double mean) {
        if (mean > 30) {
            double g = nextGaussian();
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private double nextGaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** One post as the UTF-8 JSON a platform would send; {@code region} is an index into {@link #REGIONS} or {@link #NO_REGION}. */
    byte[] post(String id, long eventMs, String accountId, int region, boolean protest) {
        byte[][] choices = (protest ? protestFields : neutralFields)[region + 1];
        StringBuilder json = new StringBuilder(200)
                .append("{\"id\":\"").append(id)
                .append("\",\"created_at\":\"").append(Instant.ofEpochMilli(eventMs))
                .append("\",\"account\":{\"id\":\"").append(accountId).append("\"}");
        if (region != NO_REGION) {
            json.append(",\"region\":\"").append(REGIONS.get(region)).append('"');
        }
        byte[] head = json.append(',').toString().getBytes(StandardCharsets.UTF_8);
        byte[] fields = choices[random.nextInt(choices.length)];
        byte[] out = new byte[head.length + fields.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(fields, 0, out, head.length, fields.length);
        return out;
    }

    private static byte[][][] render(List<Template> templates) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[][][] out = new byte[REGIONS.size() + 1][templates.size()][];
        for (int r = 0; r <= REGIONS.size(); r++) {
            for (int t = 0; t < templates.size(); t++) {
                Template template = templates.get(t);
                boolean urduScript = template.lang().equals("ur");
                // Posts without a region still name a place in passing, as people do: the country.
                String place = r == 0 ? (urduScript ? "پاکستان" : "Pakistan") : (urduScript ? CITY_URDU : CITY)[r - 1];
                String text = template.text().contains("%s") ? String.format(template.text(), place) : template.text();
                String fields = "\"text\":\"" + new String(encoder.quoteAsString(text)) + "\",\"lang\":\"" + template.lang() + "\"}";
                out[r][t] = fields.getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }
}
