package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.JarInfo;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.util.Random;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JarStoreTest {

    private static TestingServer server;
    private static CuratorFramework zk;
    private static int roots;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        zk.start();
        zk.blockUntilConnected();
    }

    @AfterAll
    static void stopZooKeeper() throws IOException {
        zk.close();
        server.close();
    }

    private static ZkPaths freshRoot() {
        return new ZkPaths("/jar-store-" + ++roots);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aJarIsChunkedAndReadBackWhole() throws Exception {
        ZkPaths paths = freshRoot();
        JarStore store = new JarStore(zk, paths);
        byte[] bytes = randomBytes(JarStore.CHUNK_BYTES * 2 + 1234, 7);
        String sha = JarHash.of(bytes);

        assertThat(store.put(bytes, "big.jar")).isTrue();

        assertThat(zk.getChildren().forPath(paths.jar(sha))).containsExactlyInAnyOrder("chunk-0000", "chunk-0001", "chunk-0002", "ready");
        for (int i = 0; i < 3; i++) {
            assertThat(zk.getData().forPath(paths.jarChunk(sha, i)).length).isLessThanOrEqualTo(JarStore.CHUNK_BYTES);
        }
        JarInfo info = JarInfo.parseFrom(zk.getData().forPath(paths.jarReady(sha)));
        assertThat(info.getSize()).isEqualTo(bytes.length);
        assertThat(info.getChunks()).isEqualTo(3);
        assertThat(info.getName()).isEqualTo("big.jar");
        assertThat(store.fetch(sha)).isEqualTo(bytes);
    }

    @Test
    void theSameJarIsStoredOnce() throws Exception {
        ZkPaths paths = freshRoot();
        JarStore store = new JarStore(zk, paths);
        byte[] bytes = randomBytes(1000, 1);
        String sha = JarHash.of(bytes);
        assertThat(store.put(bytes, "a.jar")).isTrue();
        Stat ready = zk.checkExists().forPath(paths.jarReady(sha));
        Stat chunk = zk.checkExists().forPath(paths.jarChunk(sha, 0));

        assertThat(store.put(bytes, "renamed.jar")).isFalse();

        assertThat(zk.checkExists().forPath(paths.jarReady(sha)).getMzxid()).isEqualTo(ready.getMzxid());
        assertThat(zk.checkExists().forPath(paths.jarChunk(sha, 0)).getMzxid()).isEqualTo(chunk.getMzxid());
    }

    @Test
    void anUploadThatDiedBeforeReadyIsNotThereAndIsWrittenAgain() throws Exception {
        ZkPaths paths = freshRoot();
        JarStore store = new JarStore(zk, paths);
        byte[] bytes = randomBytes(100, 2);
        String sha = JarHash.of(bytes);
        zk.create().creatingParentContainersIfNeeded().forPath(paths.jarChunk(sha, 0), new byte[] {1, 2, 3}); // a torn chunk

        assertThat(store.contains(sha)).isFalse();
        assertThatThrownBy(() -> store.fetch(sha)).isInstanceOf(JarNotFoundException.class)
                .hasMessageContaining(sha).hasMessageContaining(paths.jarReady(sha));

        assertThat(store.put(bytes, "b.jar")).isTrue();
        assertThat(store.fetch(sha)).isEqualTo(bytes);
    }

    @Test
    void aCorruptChunkIsFoundByTheHash() throws Exception {
        ZkPaths paths = freshRoot();
        JarStore store = new JarStore(zk, paths);
        byte[] bytes = randomBytes(5000, 3);
        String sha = JarHash.of(bytes);
        store.put(bytes, "c.jar");
        byte[] bad = bytes.clone();
        bad[4321] ^= 1;
        zk.setData().forPath(paths.jarChunk(sha, 0), bad);

        assertThatThrownBy(() -> store.fetch(sha)).isInstanceOf(IOException.class)
                .hasMessageContaining("c.jar").hasMessageContaining("corrupt").hasMessageContaining(sha);
    }

    @Test
    void aJarOverTheLimitIsRefusedByName() {
        JarStore store = new JarStore(zk, freshRoot());

        assertThatThrownBy(() -> store.put(new byte[JarStore.MAX_JAR_BYTES + 1], "huge.jar"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("huge.jar").hasMessageContaining("limit is 32 MiB");
    }

    @Test
    void aNameThatIsNoHashIsRefused() {
        JarStore store = new JarStore(zk, freshRoot());

        assertThatThrownBy(() -> store.fetch("../etc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../etc'");
    }
}
