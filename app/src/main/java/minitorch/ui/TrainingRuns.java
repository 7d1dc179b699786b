package minitorch.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.train.Model;
import minitorch.train.TrainConfig;
import minitorch.train.Trainer;

/**
 * The training page's runs: each browser tab's Train opens an event stream on which one run trains, epoch
 * by epoch, with the same {@link Trainer}s {@code minitorch train} uses, and reports progress (throttled to
 * a few updates a second) until it finishes, its Stop arrives, the tab goes away, or the server stops.
 */
final class TrainingRuns {
    /** The least time between two progress events, so a fast model does not flood the page. */
    static final long UPDATE_NANOS = 150_000_000L;

    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    /** The settings of a run, checked before any event is sent (so a bad one is a 400, not a stream). */
    record Settings(Model model, Datasets dataset, int pts, int hidden, double rate, int epochs, Backend backend,
                    long seed) {
        static Settings of(Query q) {
            Model model = Model.parse(q.string("model", "scalar"));
            Datasets dataset = Datasets.parse(q.string("dataset", "xor"));
            int pts = q.integer("pts", model.defaults().pts(), 1, 150);
            int hidden = q.integer("hidden", model.defaults().hidden(dataset), 1, 200);
            double rate = q.number("rate", model.defaults().rate());
            if (!(rate > 0)) {
                throw new BadRequest("rate must be a positive number, got " + rate);
            }
            int epochs = q.integer("epochs", model.defaults().epochs(), 1, 100_000);
            Backend backend = model == Model.SCALAR ? Backend.SIMPLE
                    : Backend.parse(q.string("backend", model == Model.FAST ? "fast" : "simple"));
            String dtype = q.string("dtype", "float64");
            if (!dtype.equals("float64")) {
                throw new BadRequest("dtype " + dtype + " is not available: the trainers compute in float64, as the original");
            }
            if (backend == Backend.CUDA) {
                try {
                    backend.ops();
                } catch (RuntimeException | LinkageError e) {
                    throw new BadRequest("the cuda backend is not available here: " + e.getMessage());
                }
            }
            return new Settings(model, dataset, pts, hidden, rate, epochs, backend,
                    q.integer("seed", 0, 0, Integer.MAX_VALUE));
        }
    }

    /** Where a run's events go; throws IOException when the page has gone away. */
    interface Events {
        void send(String event, Object data) throws IOException;
    }

    /** Trains one run to its end on the calling thread, sending start, epoch and done (or error) events. */
    void train(Settings s, Events events) throws IOException {
        String id = "run-" + nextId.incrementAndGet();
        AtomicBoolean stop = new AtomicBoolean();
        running.put(id, stop);
        try {
            PythonRandom random = new PythonRandom(s.seed());
            Graph data = s.dataset().generate(s.pts(), random);
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("run", id);
            start.put("settings", s);
            start.put("x", data.x());
            start.put("y", data.y());
            events.send("start", start);
            Trainer trainer = s.model().create(data, new TrainConfig(s.hidden(), s.rate(), s.backend(), random));

            List<Map<String, Object>> rows = new ArrayList<>();
            long began = System.nanoTime();
            long lastSent = 0;
            long lastBoundary = 0;
            long boundaryCost = 0;
            int epoch = 0;
            while (epoch < s.epochs() && !stop.get()) {
                epoch++;
                Trainer.EpochResult r = trainer.trainEpoch(epoch);
                rows.add(Map.of("epoch", epoch, "loss", r.loss(), "correct", r.correct()));
                long now = System.nanoTime();
                if (now - lastSent >= UPDATE_NANOS || epoch == s.epochs() || stop.get()) {
                    double perEpoch = (now - began) / 1e9 / epoch;
                    Map<String, Object> update = new LinkedHashMap<>();
                    update.put("epoch", epoch);
                    update.put("epochs", s.epochs());
                    update.put("secondsPerEpoch", perEpoch);
                    update.put("secondsLeft", perEpoch * (s.epochs() - epoch));
                    update.put("rows", List.copyOf(rows));
                    // the boundary asks the model about every grid point, which for the scalar model costs more
                    // than an epoch: keep it to a fifth of the time at most (and always draw the last)
                    boolean last = epoch == s.epochs() || stop.get();
                    if (last || now - lastBoundary >= 4 * boundaryCost) {
                        update.put("boundary", Boundary.of(data, trainer::predict));
                        lastBoundary = System.nanoTime();
                        boundaryCost = lastBoundary - now;
                    }
                    update.put("status", String.format(Locale.ROOT, "Epoch %d/%d · time per epoch %.3fs · time left %.2fs",
                            epoch, s.epochs(), perEpoch, perEpoch * (s.epochs() - epoch)));
                    events.send("epoch", update);
                    rows.clear();
                    lastSent = now;
                }
            }
            running.remove(id); // before "done": a page that has read it and asks to stop must hear the run is gone
            events.send("done", Map.of("run", id, "epoch", epoch, "stopped", epoch < s.epochs()));
        } finally {
            running.remove(id);
        }
    }

    /** Asks run {@code id} to stop after its current epoch. */
    void stop(String id) {
        AtomicBoolean flag = running.get(id);
        if (flag == null) {
            throw new NotFound("no run '" + id + "' is training (it may have finished)");
        }
        flag.set(true);
    }

    /** Stops every run (the server is shutting down). */
    void stopAll() { running.values().forEach(f -> f.set(true)); }

    int active() { return running.size(); }

    /** A request for something that does not exist: the server answers 404. */
    static final class NotFound extends IllegalArgumentException {
        NotFound(String message) { super(message); }
    }
}
