/*
 * A hart's snapshot section: every register, CSR, the privilege level, wfi, the device
 * lines' levels, and the Sstc compare value (the timer is armed again on load). The TLB
 * is not saved (it is flushed on load) and neither is an LR reservation (an SC after a
 * restore fails, which the architecture allows). Counters are saved as their offsets
 * from the guest clock, which the snapshot restores too. The hart must be paused (or not
 * running) around save and load.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sysemu/riscv64/hart_int.h"

#define RV_HART_VMSTATE_VERSION 1

/* The 64-bit fields of RvHart in snapshot order. */
static const size_t rv_vm_fields[] = {
    offsetof(RvHart, mstatus),
    offsetof(RvHart, medeleg),
    offsetof(RvHart, mideleg),
    offsetof(RvHart, mie),
    offsetof(RvHart, mip_sw),
    offsetof(RvHart, mip_hw),
    offsetof(RvHart, mtvec),
    offsetof(RvHart, stvec),
    offsetof(RvHart, mscratch),
    offsetof(RvHart, sscratch),
    offsetof(RvHart, mepc),
    offsetof(RvHart, sepc),
    offsetof(RvHart, mcause),
    offsetof(RvHart, scause),
    offsetof(RvHart, mtval),
    offsetof(RvHart, stval),
    offsetof(RvHart, satp),
    offsetof(RvHart, menvcfg),
    offsetof(RvHart, senvcfg),
    offsetof(RvHart, stimecmp),
    offsetof(RvHart, mseccfg),
    offsetof(RvHart, tselect),
    offsetof(RvHart, mcycle.offset),
    offsetof(RvHart, mcycle.frozen),
    offsetof(RvHart, minstret.offset),
    offsetof(RvHart, minstret.frozen),
};
#define RV_VM_NFIELDS (sizeof rv_vm_fields / sizeof rv_vm_fields[0])

static uint64_t *rv_vm_field(RvHart *h, size_t i)
{
	return (uint64_t *)((char *)h + rv_vm_fields[i]);
}

static void rv_hart_save(void *opaque, GByteArray *out)
{
	RvHart *h = opaque;
	vmstate_put_u32(out, RV_HART_VMSTATE_VERSION);
	vmstate_put_u64(out, h->cpu.common.pc);
	for (unsigned i = 0; i < 32; i++)
		vmstate_put_u64(out, h->cpu.x[i]);
	for (unsigned i = 0; i < 32; i++)
		vmstate_put_u64(out, h->cpu.f[i]);
	vmstate_put_u32(out, h->cpu.fflags);
	vmstate_put_u32(out, h->cpu.frm);
	vmstate_put_u32(out, h->priv);
	vmstate_put_u32(out, h->wfi);
	vmstate_put_u32(out, h->mcounteren);
	vmstate_put_u32(out, h->scounteren);
	vmstate_put_u32(out, h->mcountinhibit);
	for (size_t i = 0; i < RV_VM_NFIELDS; i++)
		vmstate_put_u64(out, *rv_vm_field(h, i));
	for (unsigned i = 0; i < 8; i++)
		vmstate_put_u64(out, h->pmpcfg[i]);
	for (unsigned i = 0; i < 64; i++)
		vmstate_put_u64(out, h->pmpaddr[i]);
}

static int rv_hart_load(void *opaque, VmReader *in)
{
	RvHart *h = opaque;
	if (vmstate_get_u32(in) != RV_HART_VMSTATE_VERSION)
		return -1;
	RvHart tmp = *h;
	tmp.cpu.common.pc = vmstate_get_u64(in);
	for (unsigned i = 0; i < 32; i++)
		tmp.cpu.x[i] = vmstate_get_u64(in);
	for (unsigned i = 0; i < 32; i++)
		tmp.cpu.f[i] = vmstate_get_u64(in);
	tmp.cpu.fflags = vmstate_get_u32(in);
	tmp.cpu.frm = vmstate_get_u32(in);
	tmp.priv = vmstate_get_u32(in);
	tmp.wfi = vmstate_get_u32(in) != 0;
	tmp.mcounteren = vmstate_get_u32(in);
	tmp.scounteren = vmstate_get_u32(in);
	tmp.mcountinhibit = vmstate_get_u32(in);
	for (size_t i = 0; i < RV_VM_NFIELDS; i++)
		*rv_vm_field(&tmp, i) = vmstate_get_u64(in);
	for (unsigned i = 0; i < 8; i++)
		tmp.pmpcfg[i] = vmstate_get_u64(in);
	for (unsigned i = 0; i < 64; i++)
		tmp.pmpaddr[i] = vmstate_get_u64(in);
	if (in->error || (tmp.priv != RV_PRIV_U && tmp.priv != RV_PRIV_S && tmp.priv != RV_PRIV_M))
		return -1;
	h->cpu.common.pc = tmp.cpu.common.pc;
	memcpy(h->cpu.x, tmp.cpu.x, sizeof h->cpu.x);
	memcpy(h->cpu.f, tmp.cpu.f, sizeof h->cpu.f);
	h->cpu.fflags = tmp.cpu.fflags & 31;
	h->cpu.frm = tmp.cpu.frm & 7;
	h->cpu.res_addr = RV_NO_RESERVATION;
	h->priv = tmp.priv;
	h->wfi = tmp.wfi;
	h->mcounteren = tmp.mcounteren;
	h->scounteren = tmp.scounteren;
	h->mcountinhibit = tmp.mcountinhibit;
	for (size_t i = 0; i < RV_VM_NFIELDS; i++)
		*rv_vm_field(h, i) = *rv_vm_field(&tmp, i);
	memcpy(h->pmpcfg, tmp.pmpcfg, sizeof h->pmpcfg);
	memcpy(h->pmpaddr, tmp.pmpaddr, sizeof h->pmpaddr);
	h->exc_pending = false;
	h->sys_op = RV_SYS_NONE;
	h->forget_jumps = true;
	rv_mmu_flush(h);
	rv_hart_update_stimer(h);
	return 0;
}

VmStateSection rv_hart_vmstate(RvHart *h)
{
	snprintf(h->vm_name, sizeof h->vm_name, "hart%u", h->hartid);
	return (VmStateSection){
	    .name = h->vm_name, .save = rv_hart_save, .load = rv_hart_load, .opaque = h};
}
