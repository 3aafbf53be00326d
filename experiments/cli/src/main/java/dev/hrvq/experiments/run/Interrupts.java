package dev.hrvq.experiments.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during training: the JVM runs shutdown hooks while the training thread goes on, so the
 * hook only raises a flag and waits (up to a minute) until the loop has saved a checkpoint.
 */
public final class Interrupts {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch saved = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "hrvq-interrupt");

  public Interrupts install() {
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  public boolean requested() {
    return requested.get();
  }

  /** Called by the loop when it has saved (or when training ends normally). */
  public void done() {
    saved.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it is waiting for exactly this countdown.
    }
  }

  private void onShutdown() {
    requested.set(true);
    try {
      saved.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
