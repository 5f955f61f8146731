/*
 * Floating-point benchmark: a 5-body gravitational simulation and a blocked double
 * matrix multiply. argv[1] scales the work; prints results rounded to 9 digits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

struct body {
	double x, y, z, vx, vy, vz, m;
};

static double energy(const struct body *b, int n)
{
	double e = 0;
	for (int i = 0; i < n; i++) {
		e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (int j = i + 1; j < n; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static void advance(struct body *b, int n, double dt)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * sqrt(d2));
			b[i].vx -= dx * b[j].m * mag;
			b[i].vy -= dy * b[j].m * mag;
			b[i].vz -= dz * b[j].m * mag;
			b[j].vx += dx * b[i].m * mag;
			b[j].vy += dy * b[i].m * mag;
			b[j].vz += dz * b[i].m * mag;
		}
	for (int i = 0; i < n; i++) {
		b[i].x += dt * b[i].vx;
		b[i].y += dt * b[i].vy;
		b[i].z += dt * b[i].vz;
	}
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 1;
	struct body b[5] = {
		{0, 0, 0, 0, 0, 0, 39.47841760435743},
		{4.84, -1.16, -0.10, 0.606, 2.81, -0.02, 0.037},
		{8.34, 4.12, -0.40, -1.01, 1.82, 0.008, 0.011},
		{12.89, -15.11, -0.22, 1.08, 0.868, -0.01, 0.0017},
		{15.37, -25.91, 0.179, 0.979, 0.594, -0.034, 0.002},
	};
	double e0 = energy(b, 5);
	for (int i = 0; i < 50000 * scale; i++)
		advance(b, 5, 0.01);
	double e1 = energy(b, 5);

	enum { N = 96 };
	double *A = malloc(N * N * sizeof *A), *B = malloc(N * N * sizeof *B),
	       *C = malloc(N * N * sizeof *C);
	for (int i = 0; i < N * N; i++) {
		A[i] = (i % 17) * 0.25 - 1.0;
		B[i] = (i % 13) * 0.5 - 2.0;
	}
	double tr = 0;
	for (int rep = 0; rep < 3 * scale; rep++) {
		for (int i = 0; i < N * N; i++)
			C[i] = 0;
		for (int ii = 0; ii < N; ii += 32)
			for (int kk = 0; kk < N; kk += 32)
				for (int i = ii; i < ii + 32; i++)
					for (int k = kk; k < kk + 32; k++) {
						double a = A[i * N + k];
						for (int j = 0; j < N; j++)
							C[i * N + j] += a * B[k * N + j];
					}
		for (int i = 0; i < N; i++)
			tr += C[i * N + i];
		A[rep % (N * N)] += 1.0;
	}
	printf("fp %d %.9g %.9g %.9g\n", scale, e0, e1, tr);
	return 0;
}
