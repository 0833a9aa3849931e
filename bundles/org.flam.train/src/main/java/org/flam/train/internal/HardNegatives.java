package org.flam.train.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hard negatives: for each text, the candidate texts whose frozen text features are nearest
 * (cosine similarity) among those of <em>other</em> label groups. A caption's near neighbours
 * of another group ("a dog barking" and "a wolf howling") are what the model must learn to tell
 * apart; random vocabulary texts are mostly easy.
 */
final class HardNegatives {

    /** Query rows per matrix product: bounds the similarity block to {@code 512 × candidates}. */
    private static final int BLOCK = 512;

    private HardNegatives() {
    }

    /**
     * @param queries    texts to find neighbours for
     * @param candidates texts neighbours are drawn from
     * @param features   text to feature vector, for every query and candidate
     * @param vocabulary label groups and positives: a candidate sharing a group with the query
     *                   or describing it is never its neighbour
     * @param n          neighbours per query
     * @return query to at most {@code n} candidates, nearest first
     */
    static Map<String, String[]> nearest(List<String> queries, List<String> candidates, Map<String, float[]> features,
            Vocabulary vocabulary, int n) {
        Map<String, String[]> out = new HashMap<>();
        if (queries.isEmpty() || candidates.isEmpty() || n <= 0) {
            return out;
        }
        int dim = features.get(candidates.get(0)).length;
        try (INDArray c = normalisedRows(candidates, features, dim)) {
            for (int q0 = 0; q0 < queries.size(); q0 += BLOCK) {
                List<String> block = queries.subList(q0, Math.min(queries.size(), q0 + BLOCK));
                try (INDArray q = normalisedRows(block, features, dim); INDArray sim = q.mmul(c.transpose())) {
                    float[] all = sim.data().asFloat(); // [block, candidates], row-major
                    float[] row = new float[candidates.size()];
                    for (int i = 0; i < block.size(); i++) {
                        System.arraycopy(all, i * row.length, row, 0, row.length);
                        out.put(block.get(i), top(block.get(i), row, candidates, vocabulary, n));
                    }
                }
            }
        }
        return out;
    }

    private static String[] top(String query, float[] sim, List<String> candidates, Vocabulary vocabulary, int n) {
        Set<String> groups = vocabulary.groups(query);
        int[] best = new int[n];
        int count = 0;
        for (int j = 0; j < sim.length; j++) {
            String c = candidates.get(j);
            if (c.equals(query) || shares(groups, vocabulary.groups(c)) || vocabulary.describes(query, c)) {
                continue;
            }
            // insertion into the sorted best list (n is small)
            int at = count < n ? count++ : n;
            while (at > 0 && sim[best[at - 1]] < sim[j]) {
                if (at < n) {
                    best[at] = best[at - 1];
                }
                at--;
            }
            if (at < n) {
                best[at] = j;
            }
        }
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = candidates.get(best[i]);
        }
        return names;
    }

    private static boolean shares(Set<String> a, Set<String> b) {
        for (String x : b) {
            if (a.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static INDArray normalisedRows(List<String> texts, Map<String, float[]> features, int dim) {
        float[] flat = new float[texts.size() * dim];
        for (int i = 0; i < texts.size(); i++) {
            float[] f = features.get(texts.get(i));
            double norm = 0;
            for (float x : f) {
                norm += (double) x * x;
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int d = 0; d < dim; d++) {
                flat[i * dim + d] = f[d] * inv;
            }
        }
        return Nd4j.create(flat, new long[] {texts.size(), dim}, DataType.FLOAT);
    }
}
