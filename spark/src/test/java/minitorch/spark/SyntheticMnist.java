package minitorch.spark;

import java.util.Random;
import minitorch.data.Mnist;
import minitorch.networks.MnistTraining;

/** Random 28x28 "digits" with random labels, made the same on every worker from a seed: data for tests. */
record SyntheticMnist(int count, long seed) implements DataSource<MnistTraining.Data> {
    @Override
    public String key() { return toString(); }

    @Override
    public MnistTraining.Data load() {
        Random r = new Random(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        r.nextBytes(pixels);
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) r.nextInt(10);
        }
        Mnist images = new Mnist(pixels, labels, count, 28, 28);
        return new MnistTraining.Data(images, images);
    }
}
