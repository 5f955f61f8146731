/* Shared definitions for the bare-metal riscv64 system-mode tests: the virt machine's
   device addresses, CSR access macros, the UART and syscon report helpers, and the trap
   recording interface implemented by start.S and lib.c.

   A test is a program whose main(hartid, dtb) returns 0 for pass or the number of the
   first failed check; CHECK(code, cond) prints the failing condition on the UART and
   ends the program through the syscon with exit status `code`. */
#ifndef SYSEMU_TEST_COMMON_H
#define SYSEMU_TEST_COMMON_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef long i64;

#define SYSCON_BASE 0x100000UL
#define RTC_BASE 0x101000UL
#define CLINT_BASE 0x2000000UL
#define CLINT_MSIP (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME (CLINT_BASE + 0xbff8)
#define PLIC_BASE 0xc000000UL
#define UART_BASE 0x10000000UL
#define VIRTIO_BASE 0x10001000UL
#define DRAM_BASE 0x80000000UL

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE (1UL << 1)
#define MSTATUS_MIE (1UL << 3)
#define MSTATUS_SPIE (1UL << 5)
#define MSTATUS_MPIE (1UL << 7)
#define MSTATUS_SPP (1UL << 8)
#define MSTATUS_MPP (3UL << 11)
#define MSTATUS_MPRV (1UL << 17)
#define MSTATUS_SUM (1UL << 18)
#define MSTATUS_MXR (1UL << 19)

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define CAUSE_INTR (1UL << 63)

#define EXC_INSN_MISALIGNED 0
#define EXC_INSN_ACCESS 1
#define EXC_ILLEGAL 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_S 9
#define EXC_ECALL_M 11
#define EXC_INSN_PAGE 12
#define EXC_LOAD_PAGE 13
#define EXC_STORE_PAGE 15

#define STR_(x) #x
#define STR(x) STR_(x)
#define csr_read(csr) ({ u64 v_; asm volatile("csrr %0, " STR(csr) : "=r"(v_) :: "memory"); v_; })
#define csr_write(csr, v) asm volatile("csrw " STR(csr) ", %0" :: "r"((u64)(v)) : "memory")
#define csr_set(csr, v) asm volatile("csrs " STR(csr) ", %0" :: "r"((u64)(v)) : "memory")
#define csr_clear(csr, v) asm volatile("csrc " STR(csr) ", %0" :: "r"((u64)(v)) : "memory")
#define csr_swap(csr, v) ({ u64 v_; asm volatile("csrrw %0, " STR(csr) ", %1" : "=r"(v_) : "r"((u64)(v)) : "memory"); v_; })

static inline u32 mmio_read32(u64 a) { return *(volatile u32 *)a; }
static inline void mmio_write32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u64 mmio_read64(u64 a) { return *(volatile u64 *)a; }
static inline void mmio_write64(u64 a, u64 v) { *(volatile u64 *)a = v; }
static inline u8 mmio_read8(u64 a) { return *(volatile u8 *)a; }
static inline void mmio_write8(u64 a, u8 v) { *(volatile u8 *)a = v; }
static inline void fence(void) { asm volatile("fence iorw, iorw" ::: "memory"); }

/* Report */
void putc_(char c);
void puts_(const char *s);
void puthex(u64 v);
void putdec(u64 v);
__attribute__((noreturn)) void exit_with(long code);
#define CHECK(code, cond)                                                        \
	do {                                                                     \
		if (!(cond)) {                                                   \
			puts_("FAIL check " STR(code) " (" __FILE__ ":" STR(__LINE__) "): " #cond "\n"); \
			exit_with(code);                                         \
		}                                                                \
	} while (0)
#define CHECK_EQ(code, a, b)                                                     \
	do {                                                                     \
		u64 a_ = (u64)(a), b_ = (u64)(b);                                \
		if (a_ != b_) {                                                  \
			puts_("FAIL check " STR(code) " (" __FILE__ ":" STR(__LINE__) "): " #a " == " #b ": "); \
			puthex(a_);                                              \
			puts_(" != ");                                           \
			puthex(b_);                                              \
			putc_('\n');                                             \
			exit_with(code);                                         \
		}                                                                \
	} while (0)

/* Traps. frame->r[n] is register xn at the trap (r[2] is the interrupted sp). */
struct frame {
	u64 r[34];
};
struct trap_rec {
	u64 cause, tval, epc, status;
	u64 count;
};
/* Recorded by the default handlers when *_catch is set (then the trapping instruction
   is skipped; for an instruction fetch fault execution resumes at ra). */
extern volatile struct trap_rec m_rec, s_rec;
extern volatile int m_catch, s_catch;
/* Optional hooks run first; return nonzero when they handled the trap. */
extern int (*volatile m_hook)(struct frame *f, u64 cause, u64 tval);
extern int (*volatile s_hook)(struct frame *f, u64 cause, u64 tval);
extern volatile u64 boot_hartid, boot_dtb;

long run_in_mode(long mode, long (*fn)(long), long arg);
__attribute__((noreturn)) void s_back_to_m(long value);
void reset_recs(void);
u64 insn_len_at(u64 pc);

static inline u64 rdtime_mmio(void) { return mmio_read64(CLINT_MTIME); }
void delay_ticks(u64 ticks);

void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);

#endif
