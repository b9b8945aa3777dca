package org.unrestwatch.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Heavy hitters in bounded memory (Space-Saving, Metwally et al. 2005): {@code capacity} counters;
 * an unseen item replaces the smallest one and inherits its count as its error bound. Any item
 * more frequent than total/capacity is guaranteed to be kept. Counts are reported as the
 * guaranteed lower bound (count minus inherited error), so an evicted-and-returned item never
 * looks bigger than it is.
 */
public final class TopK {
    public record Entry(String item, long count) {
    }

    private final int capacity;
    private final String[] items;
    private final long[] counts;
    private final long[] errors;
    private int size;

    public TopK(int capacity) {
        this.capacity = capacity;
        this.items = new String[capacity];
        this.counts = new long[capacity];
        this.errors = new long[capacity];
    }

    public void add(String item, long increment) {
        addWithError(item, increment, 0);
    }

    /**
     * Adds another partial's counters (the merge of Agarwal et al. 2012, without the final prune):
     * exact while the two hold fewer distinct items than the capacity, as per-partition partials
     * of one region window usually do; beyond it the error bounds add up and stay lower bounds.
     */
    public void merge(TopK other) {
        for (int i = 0; i < other.size; i++) {
            addWithError(other.items[i], other.counts[i], other.errors[i]);
        }
    }

    private void addWithError(String item, long increment, long error) {
        int min = 0;
        for (int i = 0; i < size; i++) {
            if (items[i].equals(item)) {
                counts[i] += increment;
                errors[i] += error;
                return;
            }
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        if (size < capacity) {
            items[size] = item;
            counts[size] = increment;
            errors[size] = error;
            size++;
        } else {
            items[min] = item;
            errors[min] = counts[min] + error;
            counts[min] += increment;
        }
    }

    /** The top {@code n} by guaranteed count, then item, for a stable order. */
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (counts[i] > errors[i]) {
                all.add(new Entry(items[i], counts[i] - errors[i]));
            }
        }
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::item));
        return all.subList(0, Math.min(n, all.size()));
    }

    public void write(BinaryWriter out) {
        out.writeVarInt(capacity).writeVarInt(size);
        for (int i = 0; i < size; i++) {
            out.writeString(items[i]).writeVarLong(counts[i]).writeVarLong(errors[i]);
        }
    }

    public static TopK read(BinaryReader in) {
        TopK t = new TopK(in.readVarInt());
        int size = in.readVarInt();
        for (int i = 0; i < size; i++) {
            t.items[i] = in.readString();
            t.counts[i] = in.readVarLong();
            t.errors[i] = in.readVarLong();
        }
        t.size = size;
        return t;
    }
}
