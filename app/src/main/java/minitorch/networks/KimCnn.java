package minitorch.networks;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.nn.Conv1d;
import minitorch.nn.Init;
import minitorch.nn.Linear;
import minitorch.nn.NN;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's sentence classifier (run_sentiment.py's CNNSentimentKim, after Kim 2014,
 * reference §3.5): three 1-D convolutions over the word vectors (50 → 100 feature maps, widths 3,
 * 4 and 5) with ReLU, max over time, the three maxima summed (as the official solution does),
 * Linear 100 → 1, dropout 25%, sigmoid: the probability that the sentence is positive.
 */
public final class KimCnn extends Module {
    private final Conv1d[] convs;
    private final Linear linear;
    private final double dropout;
    private final int featureMaps;

    public KimCnn(int embeddingSize, int featureMaps, int[] widths, double dropout, Random random, Backend backend,
            DType dtype, boolean originalInit) {
        convs = new Conv1d[widths.length];
        for (int i = 0; i < widths.length; i++) {
            double bound = originalInit ? Init.ORIGINAL_BOUND : Init.torchBound(embeddingSize * widths[i]);
            convs[i] = addModule("conv" + (i + 1), new Conv1d(embeddingSize, featureMaps, widths[i], random, backend, dtype, bound));
        }
        linear = addModule("linear", Linear.uniform(featureMaps, 1,
                originalInit ? Init.ORIGINAL_BOUND : Init.torchBound(featureMaps), random, backend, dtype));
        this.dropout = dropout;
        this.featureMaps = featureMaps;
    }

    /** The original's setting: 100 feature maps, widths 3, 4, 5, dropout 0.25, over 50-d GloVe. */
    public static KimCnn original(Random random, Backend backend, DType dtype, boolean originalInit) {
        return new KimCnn(50, 100, new int[] {3, 4, 5}, 0.25, random, backend, dtype, originalInit);
    }

    /** (batch, length, embedding) word vectors to (batch) probabilities of "positive". */
    public Tensor forward(Tensor embeddings, Random dropoutRandom) {
        int batch = embeddings.shape(0);
        Tensor x = embeddings.permute(0, 2, 1);
        Tensor pooled = null;
        for (Conv1d conv : convs) {
            Tensor m = NN.max(conv.forward(x).relu(), 2);
            pooled = pooled == null ? m : pooled.add(m);
        }
        Tensor h = linear.forward(pooled.view(batch, featureMaps));
        h = NN.dropout(h, dropout, !isTraining(), dropoutRandom);
        return h.sigmoid().view(batch);
    }
}
