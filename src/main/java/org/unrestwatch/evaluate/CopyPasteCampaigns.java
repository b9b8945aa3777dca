package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.unrestwatch.coordination.CopyPasteClusters;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * Measures copy-paste detection (issue #18) on real text: an organic background of real posts
 * spread over regions and days at a steady rate, with campaigns injected: k accounts posting one
 * call within ten minutes, each with light edits (a typo, an emoji, hashtags reordered, a mention,
 * the Urdu-script version of the same call). Reports, per campaign size, the share of campaign
 * posts that end up in a coordinated cluster (recall) and the minutes from a campaign's first post
 * to its cluster being coordinated; and coordinated clusters with no campaign post per region and
 * day (false clusters).
 */
public final class CopyPasteCampaigns {
    /** One call in Roman Urdu and in Urdu script (the same words), with its hashtags. */
    record Call(String roman, String urdu, List<String> hashtags) {
    }

    /** As the detector runs it: coordination.span's default, and the clusters a region keeps. */
    static final long SPAN_MS = 600_000L;
    static final int CAPACITY = org.unrestwatch.coordination.RegionCoordination.CLUSTERS_PER_REGION;
    static final List<Call> CALLS = List.of(
            new Call("sab log kal subah das baje faizabad interchange pohnchein aur sarkein band kar dein jab tak faisla wapis na ho",
                    "سب لوگ کل صبح دس بجے فیض آباد انٹرچینج پہنچیں اور سڑکیں بند کر دیں جب تک فیصلہ واپس نہ ہو", List.of("#LongMarch", "#BandKaro")),
            new Call("har shehar mein shutter down hartal hogi, tamam bhai apni dukanein band rakhein aur mall road par jama hon",
                    "ہر شہر میں شٹر ڈاؤن ہڑتال ہوگی، تمام بھائی اپنی دکانیں بند رکھیں اور مال روڈ پر جمع ہوں", List.of("#Hartal", "#ShutterDown")),
            new Call("gustakh ko saza do, aaj asar ke baad press club ke samne dharna dein, koi ghar na baithe",
                    "گستاخ کو سزا دو، آج عصر کے بعد پریس کلب کے سامنے دھرنا دیں، کوئی گھر نہ بیٹھے", List.of("#Dharna", "#Labbaik")),
            new Call("everyone reach the motorway toll plaza at 4pm and block it until our leaders are released, share this",
                    "سب لوگ چار بجے موٹروے ٹول پلازہ پہنچیں اور قائدین کی رہائی تک اسے بند رکھیں", List.of("#ReleaseOurLeaders", "#Block")));
    static final List<String> EMOJI = List.of(" 🔥", " ✊", " 🇵🇰", " 💪💪", " !!!");

    /** A post of the measurement: region, time, account, text, and the campaign it belongs to (-1: background). */
    record Post(String region, long timeMs, String account, boolean newAccount, String text, int campaign) {
    }

    /** A campaign's size and where and when it ran. */
    record Campaign(int id, int accounts, String region, long startMs) {
    }

    /** Results per campaign size, and false clusters. */
    public record Report(Map<Integer, double[]> recallBySize, Map<Integer, double[]> minutesToDetectBySize, double falseClustersPerRegionDay,
                         int falseClusters, int regions, int days, int backgroundPosts, int campaignPosts, List<String> falseSamples) {
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("| campaign accounts | campaigns | recall of campaign posts (mean, worst) | minutes to coordinated (mean, worst) |%n"));
            sb.append("|---|---|---|---|\n");
            recallBySize.forEach((k, r) -> {
                double[] t = minutesToDetectBySize.get(k);
                sb.append(String.format(java.util.Locale.ROOT, "| %d | %d | %.1f%%, %.1f%% | %s |%n", k, (int) r[2], 100 * r[0], 100 * r[1],
                        t[2] == 0 ? "never" : String.format(java.util.Locale.ROOT, "%.1f, %.1f (%d of %d detected)", t[0], t[1], (int) t[2], (int) r[2])));
            });
            sb.append(String.format(java.util.Locale.ROOT, "%nfalse coordinated clusters on the background: %d in %d region-days = %.2f per region per day"
                    + " (%d background posts, %d campaign posts)%n", falseClusters, regions * days, falseClustersPerRegionDay, backgroundPosts, campaignPosts));
            return sb.toString();
        }
    }

    private CopyPasteCampaigns() {
    }

    /**
     * {@code background}: real post texts; spread over {@code regions} x {@code days} at an even
     * rate, each by one of {@code accountPool} accounts; {@code campaignsPerSize} campaigns of each size.
     */
    public static Report run(List<String> background, List<String> regions, int days, int accountPool, int[] sizes, int campaignsPerSize,
                             double urduShare, long seed, double similarity, int minAccounts, boolean acrossScripts) {
        Random random = new Random(seed);
        long dayMs = 86_400_000L;
        long t0 = 1_700_000_000_000L - 1_700_000_000_000L % dayMs;
        List<Post> posts = new ArrayList<>();
        for (String text : background) {
            String region = regions.get(random.nextInt(regions.size()));
            posts.add(new Post(region, t0 + (long) (random.nextDouble() * days * dayMs), "org-" + random.nextInt(accountPool),
                    random.nextDouble() < 0.05, text, -1));
        }
        List<Campaign> campaigns = new ArrayList<>();
        for (int size : sizes) {
            for (int c = 0; c < campaignsPerSize; c++) {
                Campaign campaign = new Campaign(campaigns.size(), size, regions.get(random.nextInt(regions.size())),
                        t0 + (long) (random.nextDouble() * (days * dayMs - 3_600_000L)));
                campaigns.add(campaign);
                Call call = CALLS.get(random.nextInt(CALLS.size()));
                for (int a = 0; a < size; a++) {
                    long time = campaign.startMs() + (long) (random.nextDouble() * 600_000L);
                    posts.add(new Post(campaign.region(), time, "camp" + campaign.id() + "-" + a, random.nextDouble() < 0.6,
                            edited(call, random, urduShare), campaign.id()));
                }
            }
        }
        posts.sort(Comparator.comparingLong(Post::timeMs));

        org.unrestwatch.coordination.CampaignText normaliser = new org.unrestwatch.coordination.CampaignText(TextNormaliser.basic());
        Map<String, CopyPasteClusters> byRegion = new HashMap<>();
        Map<Integer, Long> firstPost = new HashMap<>();
        Map<Integer, Long> detectedAt = new HashMap<>();
        /** Per region, cluster id to the campaigns among its posts. */
        Map<String, Map<Long, Set<Integer>>> members = new HashMap<>();
        Map<String, Set<Long>> falseClusters = new HashMap<>();
        Map<String, String> falseSamples = new LinkedHashMap<>();
        Map<Post, CopyPasteClusters.Cluster> clusterOf = new HashMap<>();
        for (Post p : posts) {
            CopyPasteClusters clusters = byRegion.computeIfAbsent(p.region(), r -> new CopyPasteClusters(similarity, minAccounts, SPAN_MS, CAPACITY));
            clusters.forgetBefore(p.timeMs() - SPAN_MS); // as the region stage does
            CopyPasteClusters.Cluster c = clusters.add(normaliser.of(p.text()), acrossScripts, p.account() + "@" + p.timeMs(), p.account(), p.newAccount(), p.timeMs());
            if (p.campaign() >= 0) {
                firstPost.putIfAbsent(p.campaign(), p.timeMs());
            }
            if (c == null) {
                continue;
            }
            clusterOf.put(p, c);
            Set<Integer> in = members.computeIfAbsent(p.region(), r -> new HashMap<>()).computeIfAbsent(c.id(), id -> new HashSet<>());
            if (p.campaign() >= 0) {
                in.add(p.campaign());
            }
            if (clusters.isCoordinated(c, p.timeMs())) {
                if (in.isEmpty()) {
                    if (falseClusters.computeIfAbsent(p.region(), r -> new HashSet<>()).add(c.id())) {
                        falseSamples.put(p.region() + "#" + c.id(), c.sample());
                    }
                } else if (p.campaign() >= 0) {
                    detectedAt.putIfAbsent(p.campaign(), p.timeMs());
                }
            }
        }
        // Recall: a campaign post counts when its cluster is coordinated once the campaign is over.
        Map<Integer, int[]> hits = new HashMap<>();
        Map<Integer, Long> lastPost = new HashMap<>();
        for (Post p : posts) {
            if (p.campaign() >= 0) {
                lastPost.merge(p.campaign(), p.timeMs(), Math::max);
            }
        }
        for (Post p : posts) {
            if (p.campaign() < 0) {
                continue;
            }
            CopyPasteClusters.Cluster c = clusterOf.get(p);
            int[] h = hits.computeIfAbsent(p.campaign(), k -> new int[2]);
            h[1]++;
            if (c != null && byRegion.get(p.region()).isCoordinated(c, lastPost.get(p.campaign()))) {
                h[0]++;
            }
        }
        Map<Integer, double[]> recall = new java.util.TreeMap<>();
        Map<Integer, double[]> minutes = new java.util.TreeMap<>();
        for (int size : sizes) {
            double sum = 0;
            double worst = 1;
            double tSum = 0;
            double tWorst = 0;
            int detected = 0;
            int n = 0;
            for (Campaign c : campaigns) {
                if (c.accounts() != size) {
                    continue;
                }
                int[] h = hits.get(c.id());
                double r = (double) h[0] / h[1];
                sum += r;
                worst = Math.min(worst, r);
                n++;
                Long at = detectedAt.get(c.id());
                if (at != null) {
                    double m = (at - firstPost.get(c.id())) / 60_000.0;
                    tSum += m;
                    tWorst = Math.max(tWorst, m);
                    detected++;
                }
            }
            recall.put(size, new double[] {sum / n, worst, n});
            minutes.put(size, new double[] {detected == 0 ? 0 : tSum / detected, tWorst, detected});
        }
        int falseCount = falseClusters.values().stream().mapToInt(Set::size).sum();
        int campaignPosts = (int) posts.stream().filter(p -> p.campaign() >= 0).count();
        return new Report(recall, minutes, (double) falseCount / (regions.size() * days), falseCount, regions.size(), days,
                background.size(), campaignPosts, List.copyOf(falseSamples.values()));
    }

    /** One campaign post: the call in Roman Urdu (or, sometimes, Urdu script) with light edits. */
    static String edited(Call call, Random random, double urduShare) {
        String text = random.nextDouble() < urduShare ? call.urdu() : call.roman();
        String[] words = text.split(" ");
        if (random.nextDouble() < 0.5) { // a typo: one letter of one word doubled, dropped or swapped
            int w = random.nextInt(words.length);
            String word = words[w];
            if (word.length() > 3) {
                int i = 1 + random.nextInt(word.length() - 2);
                words[w] = switch (random.nextInt(3)) {
                    case 0 -> word.substring(0, i) + word.charAt(i) + word.substring(i);
                    case 1 -> word.substring(0, i) + word.substring(i + 1);
                    default -> word.substring(0, i - 1) + word.charAt(i) + word.charAt(i - 1) + word.substring(i + 1);
                };
            }
        }
        List<String> tags = new ArrayList<>(call.hashtags());
        if (random.nextBoolean()) {
            java.util.Collections.reverse(tags);
        }
        StringBuilder sb = new StringBuilder();
        if (random.nextDouble() < 0.3) {
            sb.append("@user").append(random.nextInt(1000)).append(' ');
        }
        sb.append(String.join(" ", words)).append(' ').append(String.join(" ", tags));
        if (random.nextDouble() < 0.4) {
            sb.append(EMOJI.get(random.nextInt(EMOJI.size())));
        }
        return sb.toString();
    }
}
