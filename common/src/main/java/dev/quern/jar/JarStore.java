package dev.quern.jar;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quern.proto.JarInfo;
import dev.quern.zk.ZkPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Job jars in ZooKeeper, chunked under {@code /jars/SHA256} (layout in {@link dev.quern.jar}).
 * Stored once: a jar whose {@code ready} marker exists is never written again. Two clients uploading
 * the same jar at once write the same bytes to the same chunks, so either may finish it.
 */
public final class JarStore implements JarSource {

    /** ZooKeeper holds every byte in memory on every server: jars are kept small. */
    public static final int MAX_JAR_BYTES = 32 << 20;
    /** Under ZooKeeper's default 1 MiB limit per znode ({@code jute.maxbuffer}), with room to spare. */
    public static final int CHUNK_BYTES = 512 << 10;

    private final CuratorFramework zk;
    private final ZkPaths paths;

    public JarStore(CuratorFramework zk, ZkPaths paths) {
        this.zk = requireNonNull(zk, "zk is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    /** Whether a complete jar of this hash is stored. */
    public boolean contains(String sha256) throws IOException {
        return call(() -> zk.checkExists().forPath(paths.jarReady(JarHash.check(sha256))) != null, "look for job jar " + sha256);
    }

    /**
     * Stores {@code bytes} under their hash unless they are stored already.
     *
     * @param name the file name it comes from, kept for messages
     * @return true when this call wrote the jar, false when it was there
     */
    public boolean put(byte[] bytes, String name) throws IOException {
        if (bytes.length > MAX_JAR_BYTES) {
            throw new IllegalArgumentException(tooBig(name, bytes.length));
        }
        String sha = JarHash.of(bytes);
        if (contains(sha)) {
            return false;
        }
        int chunks = Math.max(1, (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int i = 0; i < chunks; i++) {
            byte[] chunk = Arrays.copyOfRange(bytes, i * CHUNK_BYTES, Math.min(bytes.length, (i + 1) * CHUNK_BYTES));
            String path = paths.jarChunk(sha, i);
            call(() -> {
                try {
                    zk.create().creatingParentContainersIfNeeded().forPath(path, chunk);
                } catch (KeeperException.NodeExistsException e) {
                    zk.setData().forPath(path, chunk); // left by an upload that died before ready
                }
                return null;
            }, "write " + path);
        }
        JarInfo info = JarInfo.newBuilder().setSize(bytes.length).setChunks(chunks).setName(name).build();
        return call(() -> {
            try {
                zk.create().forPath(paths.jarReady(sha), info.toByteArray());
                return true;
            } catch (KeeperException.NodeExistsException e) {
                return false; // another client finished the same bytes first
            }
        }, "mark job jar " + name + " ready");
    }

    @Override
    public byte[] fetch(String sha256) throws IOException {
        JarHash.check(sha256);
        JarInfo info = call(() -> {
            try {
                return JarInfo.parseFrom(zk.getData().forPath(paths.jarReady(sha256)));
            } catch (KeeperException.NoNodeException e) {
                return null;
            } catch (InvalidProtocolBufferException e) {
                throw new IOException("job jar " + sha256 + ": " + paths.jarReady(sha256) + " holds malformed data", e);
            }
        }, "read " + paths.jarReady(sha256));
        if (info == null) {
            throw new JarNotFoundException("job jar sha256 " + sha256 + " is not stored in the cluster (no "
                    + paths.jarReady(sha256) + "): the client uploads it before it submits");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(info.getSize(), MAX_JAR_BYTES));
        for (int i = 0; i < info.getChunks(); i++) {
            String path = paths.jarChunk(sha256, i);
            out.writeBytes(call(() -> zk.getData().forPath(path), "read " + path));
        }
        byte[] bytes = out.toByteArray();
        String actual = JarHash.of(bytes);
        if (bytes.length != info.getSize() || !actual.equals(sha256)) {
            throw new IOException("job jar " + info.getName() + " (sha256 " + sha256 + ") read from ZooKeeper is corrupt: "
                    + bytes.length + " bytes with sha256 " + actual + ", expected " + info.getSize() + " bytes");
        }
        return bytes;
    }

    static String tooBig(String name, long size) {
        return String.format("job jar %s is %.1f MiB; the limit is %d MiB (jars are stored in ZooKeeper): "
                + "leave out what the daemons already have (the Quern API, its dependencies)", name, size / 1048576.0, MAX_JAR_BYTES >> 20);
    }

    private interface ZkCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(ZkCall<T> call, String what) throws IOException {
        try {
            return call.run();
        } catch (IOException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while trying to " + what);
        } catch (Exception e) {
            throw new IOException("cannot " + what + " in ZooKeeper: " + e, e);
        }
    }
}
