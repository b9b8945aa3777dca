package org.unrestwatch.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic replay of the motivating case, from a seed. Ordinary chatter across Pakistan's
 * provinces with a daily rhythm; a court ruling; a surge of mobilisation, incitement and targeting
 * posts in Punjab, Sindh and Islamabad, seeded by a cluster of new, hyperactive accounts a few
 * minutes ahead of the organic wave; meanwhile a slow build-up of mobilisation talk in Khyber
 * Pakhtunkhwa that no single five minutes would betray; then calm after an agreement. Text mixes English, Urdu script
 * and Roman Urdu; regions come as codes, geo points, place names or not at all; a few records are
 * malformed on purpose.
 */
public final class ScenarioGenerator {
    public static final Duration QUIET = Duration.ofHours(3);
    public static final Duration SURGE = Duration.ofHours(1);
    public static final Duration CALM = Duration.ofHours(2);
    public static final Duration SEED_LEAD = Duration.ofMinutes(10);
    public static final List<String> SURGE_REGIONS = List.of("PK-PB", "PK-SD", "PK-IS");
    /** Where protest talk builds up slowly over the surge hour instead of bursting. */
    public static final List<String> BUILD_UP_REGIONS = List.of("PK-KP");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<City> CITIES = List.of(
            new City("Lahore", "لاہور", 31.558, 74.351, "PK-PB"),
            new City("Faisalabad", "فیصل آباد", 31.4155, 73.0897, "PK-PB"),
            new City("Multan", "ملتان", 30.1968, 71.4782, "PK-PB"),
            new City("Gujranwala", "گوجرانوالہ", 32.1617, 74.1883, "PK-PB"),
            new City("Karachi", "کراچی", 24.8608, 67.0104, "PK-SD"),
            new City("Hyderabad", "حیدرآباد", 25.3924, 68.3737, "PK-SD"),
            new City("Sukkur", "سکھر", 27.7052, 68.8574, "PK-SD"),
            new City("Peshawar", "پشاور", 34.008, 71.5785, "PK-KP"),
            new City("Mardan", "مردان", 34.1989, 72.0231, "PK-KP"),
            new City("Quetta", "کوئٹہ", 30.1841, 67.0014, "PK-BA"),
            new City("Islamabad", "اسلام آباد", 33.7215, 73.0433, "PK-IS"),
            new City("Gilgit", "گلگت", 35.9208, 74.3083, "PK-GB"),
            new City("Muzaffarabad", "مظفرآباد", 34.37, 73.4711, "PK-JK"));
    /** Ordinary posts per 5 minutes per region at the daily peak. */
    private static final Map<String, Integer> CHATTER = Map.of(
            "PK-PB", 40, "PK-SD", 30, "PK-KP", 16, "PK-BA", 8, "PK-IS", 10, "PK-GB", 4, "PK-JK", 4);
    /** Build-up posts per 5 minutes: rising to this over a quarter of an hour, then holding. */
    private static final double BUILD_UP_PEAK = 10;
    /** Surge posts per 5 minutes at its height. */
    private static final Map<String, Integer> SURGE_RATE = Map.of("PK-PB", 160, "PK-SD", 110, "PK-IS", 60);
    private static final int ACCOUNTS_PER_REGION = 500;
    /** Hour of the day, Pakistan time, at which the scenario's chatter begins (see dailyRhythm). */
    private static final double START_HOUR_PKT = 18.0;
    private static final int NEW_ACCOUNTS = 12;
    /** The new slogan rising in one region's surge, as people write it. */
    static final String SLOGAN_REGION = "PK-IS";
    static final String[] SLOGAN = {"qafila e insaf chalo", "#QafilaEInsaf", "qafila-e-insaf chalo #QafilaEInsaf"};
    /** The copy-paste campaign in Sindh: when in the surge, for how long, how many accounts, and its call. */
    static final Duration CAMPAIGN_AFTER = Duration.ofMinutes(10);
    static final Duration CAMPAIGN_FOR = Duration.ofMinutes(20);
    static final int CAMPAIGN_ACCOUNTS = 24;
    static final String CAMPAIGN_CALL = "Kal subah sab Karachi press club pohnchein, sarkein band karo jab tak faisla wapis na ho";

    private static final String[] NEUTRAL = {
        "Traffic near %s is terrible today", "Anyone watching the match tonight?", "Load shedding again in %s",
        "%s mein aaj mausam bohat acha hai", "Chai aur pakoray, perfect shaam", "Bijli phir chali gayi %s mein",
        "آج %s میں موسم بہت اچھا ہے", "میچ کون دیکھ رہا ہے؟", "Petrol prices up again", "Exams next week, dua karein",
        "%s ki biryani ka koi jawab nahi", "شادی کی تیاریاں شروع", "New cafe opened in %s, worth a visit"};
    private static final String[] BACKGROUND_PROTEST = {
        "Teachers ka dharna press club %s ke bahar", "Traders threaten shutter down over new taxes in %s",
        "Kisan ehtijaj kar rahe hain %s mein", "اساتذہ کا احتجاج جاری ہے"};
    private static final String[] RULING = {
        "Supreme Court verdict announced today, acquittal upheld", "Faisla aa gaya, rihai ka hukm",
        "عدالت کا فیصلہ آ گیا", "Court ruling on the blasphemy case is out"};
    private static final String[] MOBILISE = {
        "Sab %s pohnchein, dharna jari rahega", "Shutter down hartal kal poore mulk mein",
        "سڑکیں بند کر دو، دھرنا جاری رہے گا", "Come out on the streets, block the roads in %s",
        "Pahiya jam hartal, sarkein band karo", "%s mein long march ki tayyari, sarkon par niklo",
        "شٹر ڈاؤن ہڑتال، سب %s پہنچیں", "Everyone reach Faizabad, road blockade until the verdict is reversed"};
    private static final String[] INCITE = {
        "Aag laga do in ki gaariyon ko", "Gustakh ko saza do, sar tan se juda",
        "گستاخ رسول کی ایک ہی سزا سر تن سے جدا", "Burn it down, attack the police if they stop us",
        "Jala do sab kuch, khoon baha do", "Wajib ul qatl hai, police pe hamla karo", "توڑ پھوڑ کرو، آگ لگا دو"};
    private static final String[] SEEDED = {
        "#ShutDown%s dharna jari rahega, sab niklo", "Gustakh ko saza do, sar tan se juda #Justice",
        "Sarkein band karo, %s mein dharna", "آگ لگا دو، سڑکیں بند کر دو", "Shutter down hartal, come out on the streets"};
    private static final String[] CALM_TEXT = {
        "Agreement reached, roads reopening in %s", "Muahida ho gaya, zindagi maamool par",
        "معاہدہ ہو گیا، راستے کھل گئے", "Markets open again in %s", "Shukar hai halaat behtar hain"};

    /**
     * People write the same thought in their own words: an organic post opens and closes in one of
     * many ways, so that organic posts of one template are not near-identical copies (copy-paste
     * detection would see a campaign in every crowd). None of these words is in the lexicon.
     */
    private static final String[] OPENINGS = {
        "Yaar", "Sun lo sab", "Dekho bhai", "Breaking:", "Update:", "Abhi abhi suna", "Bhai log", "Aaj ka din dekho",
        "Sab dost suno", "Mera khayal hai", "Khabar hai ke", "Seriously,", "Listen,", "Ab bas,", "Ittila hai ke",
        "یار", "سنو", "ابھی ابھی", "Dosto,", "Honestly", "Can't believe it,", "Bilkul sahi,", "Ghor karein", "Just saw this:"};
    private static final String[] CLOSINGS = {
        "!!", "🙏", "😡", "share karo", "aaj hi", "inshallah", "fauran", "sab tak pohnchao", "please", "right now", "dosto",
        "ab ya kabhi nahi", "Allah khair kare", "🔥🔥", "✊", "pakka", "waqt aa gaya hai", "yeh yaad rakhna", "مزید تفصیل جلد",
        "sochiye zara", "no more waiting", "hum sab saath hain", "💔", "dua karein sab"};

    private final long seed;
    private final Instant start;
    private final Random random;
    /** Apart from {@link #random}: the openings and closings change no time, account or region of the scenario. */
    private final Random wording;
    private final List<ScenarioRecord> out = new ArrayList<>();
    private int nextId;

    public ScenarioGenerator(long seed, Instant start) {
        this.seed = seed;
        this.start = start;
        this.random = new Random(seed);
        this.wording = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    }

    public static Duration totalDuration() {
        return QUIET.plus(SURGE).plus(CALM);
    }

    public static Instant surgeStart(Instant start) {
        return start.plus(QUIET);
    }

    /** Every record of the scenario, in event-time order. */
    public List<ScenarioRecord> generate() {
        long t0 = start.toEpochMilli();
        long surgeStart = t0 + QUIET.toMillis();
        long surgeEnd = surgeStart + SURGE.toMillis();
        long end = surgeEnd + CALM.toMillis();
        long step = Duration.ofMinutes(5).toMillis();
        for (long w = t0; w < end; w += step) {
            double rhythm = dailyRhythm(w);
            for (String region : CHATTER.keySet().stream().sorted().toList()) {
                int ordinary = poisson(CHATTER.get(region) * rhythm);
                for (int i = 0; i < ordinary; i++) {
                    boolean afterAgreement = w >= surgeEnd;
                    String[] pool = afterAgreement && random.nextInt(3) == 0 ? CALM_TEXT
                            : random.nextInt(25) == 0 ? BACKGROUND_PROTEST : NEUTRAL;
                    post(region, w + random.nextInt((int) step), organicAccount(region), pool, false);
                }
                if (w >= surgeStart - step && w < surgeStart + 6 * step) {
                    int talk = poisson(CHATTER.get(region) * 0.3);
                    for (int i = 0; i < talk; i++) {
                        post(region, w + random.nextInt((int) step), organicAccount(region), RULING, false);
                    }
                }
                if (BUILD_UP_REGIONS.contains(region) && w >= surgeStart && w < surgeEnd) {
                    int n = poisson(BUILD_UP_PEAK * Math.min(1.0, 4.0 * (w - surgeStart + step) / SURGE.toMillis()));
                    for (int i = 0; i < n; i++) {
                        post(region, w + random.nextInt((int) step), organicAccount(region), MOBILISE, false);
                    }
                }
                if (SURGE_RATE.containsKey(region) && w >= surgeStart && w < surgeEnd) {
                    double shape = surgeShape((double) (w - surgeStart) / SURGE.toMillis());
                    int n = poisson(SURGE_RATE.get(region) * shape);
                    for (int i = 0; i < n; i++) {
                        String[] pool = random.nextInt(3) == 0 ? INCITE : MOBILISE;
                        post(region, w + random.nextInt((int) step), organicAccount(region), pool, false);
                    }
                }
            }
            if (w >= surgeStart - SEED_LEAD.toMillis() && w < surgeStart + SURGE.toMillis() / 2) {
                seededBurst(w, step);
            }
            if (w >= surgeStart + CAMPAIGN_AFTER.toMillis() && w < surgeStart + CAMPAIGN_AFTER.plus(CAMPAIGN_FOR).toMillis()) {
                copyPasteCampaign(w, step);
            }
        }
        malformed(t0, end);
        out.sort(Comparator.comparingLong(ScenarioRecord::eventTimeMs));
        return out;
    }

    /**
     * A copy-paste campaign in Sindh: long-standing accounts (not new, not hyperactive) paste one
     * call, lightly edited (a typo, an emoji, a mention, its hashtags in either order). Only
     * copy-paste detection tells it from the organic surge around it. Drawn from {@link #wording},
     * so the rest of the scenario is as without it.
     */
    private void copyPasteCampaign(long windowStart, long step) {
        for (int a = 0; a < CAMPAIGN_ACCOUNTS; a++) {
            if (wording.nextInt(3) == 0) {
                continue; // not every account posts in every window
            }
            String account = "u-sd-" + (ACCOUNTS_PER_REGION + a); // beyond the organic pool: its own accounts, old ones
            long t = windowStart + wording.nextInt((int) step);
            String text = wording.nextBoolean() ? CAMPAIGN_CALL : CAMPAIGN_CALL.replace("pohnchein", "pohnchen");
            text = (wording.nextInt(3) == 0 ? "@sindh_updates " : "") + text
                    + (wording.nextBoolean() ? " #KarachiDharna #Insaaf" : " #Insaaf #KarachiDharna") + (wording.nextBoolean() ? " ✊" : "");
            ObjectNode p = basePost(t, account, text);
            ((ObjectNode) p.get("account")).put("created_at", start.minus(Duration.ofDays(700 + wording.nextInt(2000))).toString());
            locate(p, "PK-SD");
            add(t, account, p);
        }
    }

    /** The new-account cluster: each account posts every 20-40 s, in Punjab, ahead of the organic wave. */
    private void seededBurst(long windowStart, long step) {
        for (int a = 0; a < NEW_ACCOUNTS; a++) {
            String account = "fresh-" + seed + "-" + a;
            for (long t = windowStart + random.nextInt(20_000); t < windowStart + step; t += 20_000 + random.nextInt(20_000)) {
                ObjectNode p = basePost(t, account, String.format(SEEDED[random.nextInt(SEEDED.length)], "Lahore"));
                ((ObjectNode) p.get("account")).put("created_at", start.minus(Duration.ofDays(2)).toString());
                locate(p, "PK-PB");
                add(t, account, p);
            }
        }
    }

    private String organicAccount(String region) {
        return "u-" + region.substring(3).toLowerCase() + "-" + random.nextInt(ACCOUNTS_PER_REGION);
    }

    private void post(String region, long t, String account, String[] templates, boolean isNew) {
        City city = cityIn(region);
        String template = templates[random.nextInt(templates.length)];
        String text = template.contains("%s") ? String.format(template, template.matches(".*[\\u0600-\\u06FF].*") ? city.urdu() : city.name())
                : template;
        ObjectNode p = basePost(t, account, inOwnWords(withSlogan(region, t, templates, text)));
        ((ObjectNode) p.get("account")).put("created_at", start.minus(Duration.ofDays(400 + random.nextInt(3000))).toString());
        if (random.nextInt(6) == 0) {
            ArrayNode tags = p.putArray("hashtags");
            tags.add(city.name() + (templates == INCITE || templates == MOBILISE ? "Dharna" : "Diaries"));
        }
        locate(p, region);
        add(t, account, p);
    }

    private ObjectNode basePost(long t, String account, String text) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", "s" + seed + "-" + nextId++);
        p.put("created_at", Instant.ofEpochMilli(t).toString());
        p.put("text", text);
        ObjectNode acc = p.putObject("account");
        acc.put("id", account);
        acc.put("handle", "@" + account.replace('-', '_'));
        p.put("lang", text.matches(".*[\\u0600-\\u06FF].*") ? "ur" : "und");
        return p;
    }

    /**
     * A new slogan no lexicon knows rises in Islamabad's surge: in none of its protest posts at the
     * start, in 60% by the end (as a phrase, a hashtag, or both). Emerging-term detection should
     * suggest it; drawn from {@link #wording}, so times, accounts and regions are unchanged.
     */
    private String withSlogan(String region, long t, String[] templates, String text) {
        long surgeStart = start.plus(QUIET).toEpochMilli();
        if (!region.equals(SLOGAN_REGION) || (templates != MOBILISE && templates != INCITE) || t < surgeStart) {
            return text;
        }
        double share = 0.6 * Math.min(1.0, (double) (t - surgeStart) / SURGE.toMillis());
        return wording.nextDouble() < share ? text + " " + SLOGAN[wording.nextInt(SLOGAN.length)] : text;
    }

    private String inOwnWords(String text) {
        String opening = wording.nextInt(10) == 0 ? "" : OPENINGS[wording.nextInt(OPENINGS.length)] + " ";
        String closing = wording.nextInt(10) == 0 ? "" : " " + CLOSINGS[wording.nextInt(CLOSINGS.length)];
        return opening + text + closing;
    }

    /** Region evidence as platforms deliver it: code, geo point, place text (either script), or nothing. */
    private void locate(ObjectNode p, String region) {
        City city = cityIn(region);
        int how = random.nextInt(20);
        if (how < 8) {
            p.put("region", region);
        } else if (how < 14) {
            p.putObject("geo").put("lat", city.lat() + (random.nextDouble() - 0.5) * 0.04)
                    .put("lon", city.lon() + (random.nextDouble() - 0.5) * 0.04);
        } else if (how < 19) {
            p.put("place", random.nextBoolean() ? city.name() + ", Pakistan" : city.urdu());
        }
    }

    private City cityIn(String region) {
        List<City> inRegion = CITIES.stream().filter(c -> c.region().equals(region)).toList();
        return inRegion.get(random.nextInt(inRegion.size()));
    }

    private void malformed(long t0, long end) {
        String[] bad = {
            "{\"id\":\"broken-1\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"dharna",
            "{\"id\":\"broken-2\",\"created_at\":\"%s\",\"text\":\"no account here\"}",
            "{\"id\":\"broken-3\",\"created_at\":1762596000,\"text\":\"epoch seconds\",\"account\":{\"id\":\"x\"}}",
            "{\"id\":\"broken-4\",\"created_at\":\"%s\",\"text\":42,\"account\":{\"id\":\"x\"}}",
            "{\"id\":\"broken-5\",\"created_at\":\"yesterday\",\"text\":\"t\",\"account\":{\"id\":\"x\"}}",
            "not json at all"};
        for (int i = 0; i < bad.length; i++) {
            long t = t0 + (end - t0) * (i + 1) / (bad.length + 1);
            String value = bad[i].contains("%s") ? String.format(bad[i], Instant.ofEpochMilli(t)) : bad[i];
            out.add(new ScenarioRecord(t, null, value.getBytes(StandardCharsets.UTF_8), true));
        }
    }

    private void add(long t, String account, ObjectNode post) {
        out.add(new ScenarioRecord(t, account, post.toString().getBytes(StandardCharsets.UTF_8), false));
    }

    /**
     * Posting in Pakistan peaks in the evening and bottoms out before dawn. The story always begins
     * at {@link #START_HOUR_PKT} on this clock, whatever the wall clock says, so every run (and
     * every test, whenever it runs) plays the same story: quiet hours around the evening peak.
     */
    private double dailyRhythm(long t) {
        double hourPkt = (START_HOUR_PKT + (t - start.toEpochMilli()) / 3_600_000.0) % 24;
        return 0.55 + 0.45 * Math.cos(2 * Math.PI * (hourPkt - 20) / 24);
    }

    /** Rises fast, holds, and tails off over the surge hour. */
    private static double surgeShape(double x) {
        return x < 0.15 ? 0.4 + 4 * x : x < 0.6 ? 1.0 : Math.max(0.15, 1.0 - 1.8 * (x - 0.6));
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
