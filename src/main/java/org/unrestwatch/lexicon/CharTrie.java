package org.unrestwatch.lexicon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The goto and failure functions of an Aho-Corasick automaton over UTF-16 chars. Transitions
 * live in one open-addressing table keyed by (node, char), so matching allocates nothing.
 */
final class CharTrie {
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int used;
    private int nodes = 1;
    private int[] failure = new int[64];
    private List<Integer> bfs;

    int size() {
        return nodes;
    }

    int failure(int node) {
        return failure[node];
    }

    List<Integer> breadthFirstOrder() {
        return bfs;
    }

    /** Inserts a word and returns the node where it ends; {@code onNewNode} runs for each new node. */
    int insert(String word, Runnable onNewNode) {
        int node = 0;
        for (int i = 0; i < word.length(); i++) {
            int child = get(node, word.charAt(i));
            if (child < 0) {
                child = nodes++;
                put(node, word.charAt(i), child);
                onNewNode.run();
            }
            node = child;
        }
        return node;
    }

    void buildFailureLinks() {
        failure = new int[nodes];
        List<List<long[]>> children = childrenByNode();
        bfs = new ArrayList<>(nodes);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            bfs.add(node);
            for (long[] edge : children.get(node)) {
                char c = (char) edge[0];
                int child = (int) edge[1];
                if (node == 0) {
                    failure[child] = 0;
                } else {
                    int f = failure[node];
                    while (f != 0 && get(f, c) < 0) {
                        f = failure[f];
                    }
                    int g = get(f, c);
                    failure[child] = g >= 0 && g != child ? g : 0;
                }
                queue.add(child);
            }
        }
    }

    /** The automaton step: follow the goto edge, falling back along failure links. */
    int next(int state, char c) {
        while (true) {
            int g = get(state, c);
            if (g >= 0) {
                return g;
            }
            if (state == 0) {
                return 0;
            }
            state = failure[state];
        }
    }

    private List<List<long[]>> childrenByNode() {
        List<List<long[]>> children = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            children.add(new ArrayList<>());
        }
        for (int slot = 0; slot < keys.length; slot++) {
            if (values[slot] > 0) {
                long key = keys[slot];
                children.get((int) (key >>> 16)).add(new long[] {key & 0xFFFF, values[slot]});
            }
        }
        // Deterministic order (the table's order depends on hashing).
        children.forEach(list -> list.sort((a, b) -> Long.compare(a[0], b[0])));
        return children;
    }

    private static long key(int node, char c) {
        return ((long) node << 16) | c;
    }

    private int slot(long key, long[] table) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (table.length - 1);
    }

    private int get(int node, char c) {
        long k = key(node, c);
        int s = slot(k, keys);
        while (values[s] != 0) {
            if (keys[s] == k) {
                return values[s];
            }
            s = (s + 1) & (keys.length - 1);
        }
        return -1;
    }

    private void put(int node, char c, int child) {
        if ((used + 1) * 2 > keys.length) {
            grow();
        }
        long k = key(node, c);
        int s = slot(k, keys);
        while (values[s] != 0) {
            s = (s + 1) & (keys.length - 1);
        }
        keys[s] = k;
        values[s] = child; // child ids start at 1, so 0 marks an empty slot
        used++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != 0) {
                long k = oldKeys[i];
                int s = slot(k, keys);
                while (values[s] != 0) {
                    s = (s + 1) & (keys.length - 1);
                }
                keys[s] = k;
                values[s] = oldValues[i];
                used++;
            }
        }
        Arrays.fill(oldValues, 0);
    }
}
