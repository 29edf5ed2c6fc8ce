/*
 * The vendor side of ci/vendor-compare.sh: what a user would otherwise run, Open MPI's C library in
 * separate processes (mpirun, shared memory through the vader BTL), timed exactly as gossipbench
 * collectives times ours so the two columns are comparable:
 *
 *   per iteration: MPI_Barrier, t0, the operation, t1; the iteration's time is the slowest rank's
 *   (t1 - t0); a size's figure is the median (and min, max) over its timed iterations, after
 *   warm-up iterations that are not timed.
 *
 * Operations, on float32 buffers of S bytes per rank:
 *   allreduce  MPI_Allreduce(MPI_SUM), in place.
 *   one-peer   one round of one-peer exponential averaging (Ying et al. 2021), as the reference
 *              code writes it with MPI: in round k, with h = 2^(k mod log2 n), rank r sends x to
 *              r + h and receives from r - h (MPI_Sendrecv), then x = (x + received) / 2.
 *
 * Output, one CSV row per size on rank 0: op,ranks,bytes,median_us,min_us,max_us,wrong
 * where wrong counts elements that differ from the exact result of one operation on fresh inputs.
 *
 *   mpicc -O3 -march=native -o vendor-bench ci/vendor-bench.c
 *   mpirun -np 4 ./vendor-bench allreduce 65536 268435456 4 20 5
 */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int log2_floor(int n) {
  int l = 0;
  while ((1 << (l + 1)) <= n) l++;
  return l;
}

/* Round k of one-peer exponential averaging: x = (x + x_{r - h}) / 2. */
static void one_peer_round(float *x, float *recv, size_t count, int rank, int size, int k) {
  int rounds = log2_floor(size);
  int h = rounds == 0 ? 0 : 1 << (k % rounds);
  if (h == 0) return;
  int to = (rank + h) % size, from = (rank - h + size) % size;
  /* MPI counts are ints; the largest size here (256 MiB of floats) fits. */
  MPI_Sendrecv(x, (int)count, MPI_FLOAT, to, 0, recv, (int)count, MPI_FLOAT, from, 0,
               MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  for (size_t i = 0; i < count; i++) x[i] = 0.5f * x[i] + 0.5f * recv[i];
}

static void run(int one_peer, float *x, float *recv, size_t count, int rank, int size, int k) {
  if (one_peer) {
    one_peer_round(x, recv, count, rank, size, k);
  } else {
    MPI_Allreduce(MPI_IN_PLACE, x, (int)count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
  }
}

/* Rank r's input: small integers, so every sum and every average is exact in float. */
static float input(int rank, size_t i) { return (float)((rank * 7 + (int)(i % 13)) % 16); }

static long check(int one_peer, float *x, float *recv, size_t count, int rank, int size) {
  for (size_t i = 0; i < count; i++) x[i] = input(rank, i);
  run(one_peer, x, recv, count, rank, size, 0);
  long wrong = 0;
  int h = size > 1 ? 1 : 0; /* round 0 pairs r with r - 1 */
  for (size_t i = 0; i < count; i++) {
    float expected;
    if (one_peer) {
      expected = h == 0 ? input(rank, i)
                        : 0.5f * input(rank, i) + 0.5f * input((rank - h + size) % size, i);
    } else {
      expected = 0;
      for (int q = 0; q < size; q++) expected += input(q, i);
    }
    if (x[i] != expected) wrong++;
  }
  long total = 0;
  MPI_Reduce(&wrong, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  return total;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (argc != 7 || (strcmp(argv[1], "allreduce") != 0 && strcmp(argv[1], "one-peer") != 0)) {
    if (rank == 0) {
      fprintf(stderr,
              "usage: vendor-bench allreduce|one-peer MIN_BYTES MAX_BYTES FACTOR ITERS WARMUP\n");
    }
    MPI_Finalize();
    return 2;
  }
  int one_peer = strcmp(argv[1], "one-peer") == 0;
  long min_bytes = atol(argv[2]), max_bytes = atol(argv[3]);
  int factor = atoi(argv[4]), iters = atoi(argv[5]), warmup = atoi(argv[6]);
  if (min_bytes < 4 || max_bytes < min_bytes || factor < 2 || iters < 1 || warmup < 0) {
    if (rank == 0) fprintf(stderr, "vendor-bench: bad sizes or counts\n");
    MPI_Finalize();
    return 2;
  }
  size_t max_count = (size_t)max_bytes / sizeof(float);
  float *x = malloc(max_count * sizeof(float));
  float *recv = malloc(max_count * sizeof(float));
  double *times = malloc((size_t)iters * sizeof(double));
  double *slowest = malloc((size_t)iters * sizeof(double));
  if (x == NULL || recv == NULL || times == NULL || slowest == NULL) {
    fprintf(stderr, "vendor-bench: rank %d: out of memory for %ld bytes\n", rank, max_bytes);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  /* Touch every page once, so no timed iteration pays for first-touch faults. */
  for (size_t i = 0; i < max_count; i++) x[i] = recv[i] = input(rank, i);
  if (rank == 0) printf("op,ranks,bytes,median_us,min_us,max_us,wrong\n");
  for (long bytes = min_bytes; bytes <= max_bytes; bytes *= factor) {
    size_t count = (size_t)bytes / sizeof(float);
    for (size_t i = 0; i < count; i++) x[i] = input(rank, i);
    int k = 0;
    for (int w = 0; w < warmup; w++) run(one_peer, x, recv, count, rank, size, k++);
    for (int it = 0; it < iters; it++) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t0 = MPI_Wtime();
      run(one_peer, x, recv, count, rank, size, k++);
      times[it] = MPI_Wtime() - t0;
    }
    MPI_Reduce(times, slowest, iters, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    long wrong = check(one_peer, x, recv, count, rank, size);
    if (rank == 0) {
      qsort(slowest, (size_t)iters, sizeof(double), compare_doubles);
      double median = iters % 2 ? slowest[iters / 2]
                                : 0.5 * (slowest[iters / 2 - 1] + slowest[iters / 2]);
      printf("%s,%d,%ld,%.2f,%.2f,%.2f,%ld\n", one_peer ? "one-peer" : "allreduce", size, bytes,
             median * 1e6, slowest[0] * 1e6, slowest[iters - 1] * 1e6, wrong);
      fflush(stdout);
    }
  }
  free(x);
  free(recv);
  free(times);
  free(slowest);
  MPI_Finalize();
  return 0;
}
