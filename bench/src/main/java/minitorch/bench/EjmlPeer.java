package minitorch.bench;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import minitorch.tensor.DType;

/**
 * EJML, the common pure-Java dense linear algebra library: matmul only (it has no elementwise
 * kernels to compare). Its concurrent {@code _MT_} routines are used when more than one thread is asked for.
 */
public final class EjmlPeer implements Peer {
    private final boolean concurrent;

    public EjmlPeer(int threads) {
        this.concurrent = threads > 1;
        EjmlConcurrency.setMaxThreads(threads);
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String unsupported(Workload w) {
        return w.kind() == Workload.Kind.MATMUL ? null : "EJML has no " + w.op();
    }

    @Override
    public Prepared prepare(Workload w) {
        int batch = w.shapeA()[0], n = w.shapeA()[1], k = w.shapeA()[2], m = w.shapeB()[2];
        boolean f32 = w.dtype() == DType.FLOAT32;
        float[] fa = f32 ? Workload.inputFloats(0, (long) batch * n * k) : null;
        float[] fb = f32 ? Workload.inputFloats(1, (long) batch * k * m) : null;
        double[] da = f32 ? null : Workload.inputArray(0, (long) batch * n * k);
        double[] db = f32 ? null : Workload.inputArray(1, (long) batch * k * m);
        FMatrixRMaj[][] fm = new FMatrixRMaj[batch][];
        DMatrixRMaj[][] dm = new DMatrixRMaj[batch][];
        for (int i = 0; i < batch; i++) {
            if (f32) {
                fm[i] = new FMatrixRMaj[] {slice(fa, i, n, k), slice(fb, i, k, m), new FMatrixRMaj(n, m)};
            } else {
                dm[i] = new DMatrixRMaj[] {slice(da, i, n, k), slice(db, i, k, m), new DMatrixRMaj(n, m)};
            }
        }
        Runnable call = () -> {
            for (int i = 0; i < batch; i++) {
                if (f32) {
                    if (concurrent) CommonOps_MT_FDRM.mult(fm[i][0], fm[i][1], fm[i][2]);
                    else CommonOps_FDRM.mult(fm[i][0], fm[i][1], fm[i][2]);
                } else {
                    if (concurrent) CommonOps_MT_DDRM.mult(dm[i][0], dm[i][1], dm[i][2]);
                    else CommonOps_DDRM.mult(dm[i][0], dm[i][1], dm[i][2]);
                }
            }
        };
        return new Prepared() {
            @Override
            public double time(int reps) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) call.run();
                return (System.nanoTime() - t0) * 1e-9;
            }

            @Override
            public double[] checksums() {
                if (!f32) {
                    double[] all = new double[batch * n * m];
                    for (int i = 0; i < batch; i++) System.arraycopy(dm[i][2].data, 0, all, i * n * m, n * m);
                    return Peer.checksums(all);
                }
                float[] all = new float[batch * n * m];
                for (int i = 0; i < batch; i++) System.arraycopy(fm[i][2].data, 0, all, i * n * m, n * m);
                return Peer.checksums(all);
            }
        };
    }

    private static FMatrixRMaj slice(float[] all, int index, int rows, int cols) {
        float[] data = new float[rows * cols];
        System.arraycopy(all, index * rows * cols, data, 0, data.length);
        return FMatrixRMaj.wrap(rows, cols, data);
    }

    private static DMatrixRMaj slice(double[] all, int index, int rows, int cols) {
        double[] data = new double[rows * cols];
        System.arraycopy(all, index * rows * cols, data, 0, data.length);
        return DMatrixRMaj.wrap(rows, cols, data);
    }
}
