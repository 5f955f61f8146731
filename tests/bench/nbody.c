/*
 * Stresses double-precision add, multiply, divide and square root with little memory
 * traffic: a leapfrog n-body simulation of the Sun and the four giant planets (masses in
 * solar masses, distances in AU, time in years), reporting the total energy before and
 * after. usage: nbody [SCALE]; prints the energies.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

enum { NB = 5 };

struct body {
	double x[3], v[3], mass;
};

/* Initial state: position (AU), velocity (AU/day, scaled to AU/year), mass (Sun = 1). */
static struct body bodies[NB] = {
	{{0, 0, 0}, {0, 0, 0}, 1}, /* Sun */
	{{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01},
	 {1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05},
	 9.54791938424326609e-04}, /* Jupiter */
	{{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01},
	 {-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05},
	 2.85885980666130812e-04}, /* Saturn */
	{{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01},
	 {2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05},
	 4.36624404335156298e-05}, /* Uranus */
	{{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01},
	 {2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05},
	 5.15138902046611451e-05}, /* Neptune */
};

static double energy(void)
{
	double e = 0;
	for (int i = 0; i < NB; i++) {
		const struct body *a = &bodies[i];
		e += 0.5 * a->mass * (a->v[0] * a->v[0] + a->v[1] * a->v[1] + a->v[2] * a->v[2]);
		for (int j = i + 1; j < NB; j++) {
			const struct body *b = &bodies[j];
			double d[3] = {a->x[0] - b->x[0], a->x[1] - b->x[1], a->x[2] - b->x[2]};
			e -= a->mass * b->mass / sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
		}
	}
	return e;
}

static void step(double dt)
{
	for (int i = 0; i < NB; i++)
		for (int j = i + 1; j < NB; j++) {
			struct body *a = &bodies[i], *b = &bodies[j];
			double d[3] = {a->x[0] - b->x[0], a->x[1] - b->x[1], a->x[2] - b->x[2]};
			double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
			double mag = dt / (r2 * sqrt(r2));
			for (int k = 0; k < 3; k++) {
				a->v[k] -= d[k] * b->mass * mag;
				b->v[k] += d[k] * a->mass * mag;
			}
		}
	for (int i = 0; i < NB; i++)
		for (int k = 0; k < 3; k++)
			bodies[i].x[k] += dt * bodies[i].v[k];
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	for (int i = 0; i < NB; i++) {
		for (int k = 0; k < 3; k++)
			bodies[i].v[k] *= DAYS_PER_YEAR;
		bodies[i].mass *= SOLAR_MASS;
	}
	/* Give the Sun the momentum that makes the system's total zero. */
	for (int i = 1; i < NB; i++)
		for (int k = 0; k < 3; k++)
			bodies[0].v[k] -= bodies[i].v[k] * bodies[i].mass / SOLAR_MASS;
	double before = energy();
	for (long s = 0; s < 3000000 * scale; s++)
		step(0.01);
	printf("nbody scale=%ld energy=%.12f -> %.12f\n", scale, before, energy());
	return 0;
}
