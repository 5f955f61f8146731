/* difftest regression aarch64-1007: the case file it was emitted from:
 * isa aarch64
 * seq 13976892181432660106 50
 * u 310 0x6e321d1d 0
 * u 325 0x0ebdfda9 0
 */
	.arch armv8-a+crc+aes+sha2+lse+rcpc
	.text
	.globl _start
_start:
	adrp x0, altstack_desc
	add x0, x0, :lo12:altstack_desc
	mov x1, #0
	mov x8, #132
	svc #0
	mov x0, #4
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #5
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #7
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #8
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #11
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	b .Lseq0
handler:
	adrp x3, dump
	add x3, x3, :lo12:dump
	str x0, [x3, #0]
	ldr x4, [x2, #440]
	adrp x5, cur_start
	ldr x5, [x5, :lo12:cur_start]
	sub x4, x4, x5
	str x4, [x3, #8]
	adrp x5, cur_save
	ldr x5, [x5, :lo12:cur_save]
	str x5, [x2, #440]
	ret
restorer:
	mov x8, #139
	svc #0
.Lseq1:
	mov x0, #0
	mov x8, #93
	svc #0
	.data
	.balign 16
sigact:	.dword handler, 0x0c000004, restorer, 0
altstack_desc:	.dword altstack, 0, 65536
cur_start:	.dword 0
cur_save:	.dword 0
	.bss
	.balign 16
altstack:	.zero 65536
dump:	.zero 4976
scratch:	.zero 4160
	.text
.Lseq0:
	adr x0, .Lsave0
	adrp x1, cur_save
	str x0, [x1, :lo12:cur_save]
	adr x0, .Lu0_0
	adrp x1, cur_start
	str x0, [x1, :lo12:cur_start]
	clrex
	adrp x0, state0
	add x0, x0, :lo12:state0
	add x2, x0, #816
	adrp x3, scratch
	add x3, x3, :lo12:scratch
	mov x4, #260
1:	ldr q0, [x2], #16
	str q0, [x3], #16
	subs x4, x4, #1
	b.ne 1b
	ldr x1, [x0, #272]
	msr nzcv, x1
	ldr x1, [x0, #280]
	msr fpcr, x1
	ldr x1, [x0, #288]
	msr fpsr, x1
	add x1, x0, #304
	ldp q0, q1, [x1], #32
	ldp q2, q3, [x1], #32
	ldp q4, q5, [x1], #32
	ldp q6, q7, [x1], #32
	ldp q8, q9, [x1], #32
	ldp q10, q11, [x1], #32
	ldp q12, q13, [x1], #32
	ldp q14, q15, [x1], #32
	ldp q16, q17, [x1], #32
	ldp q18, q19, [x1], #32
	ldp q20, q21, [x1], #32
	ldp q22, q23, [x1], #32
	ldp q24, q25, [x1], #32
	ldp q26, q27, [x1], #32
	ldp q28, q29, [x1], #32
	ldp q30, q31, [x1], #32
	ldr x1, [x0, #264]
	mov sp, x1
	ldp x2, x3, [x0, #32]
	ldp x4, x5, [x0, #48]
	ldp x6, x7, [x0, #64]
	ldp x8, x9, [x0, #80]
	ldp x10, x11, [x0, #96]
	ldp x12, x13, [x0, #112]
	ldp x14, x15, [x0, #128]
	ldp x16, x17, [x0, #144]
	ldp x18, x19, [x0, #160]
	ldp x20, x21, [x0, #176]
	ldp x22, x23, [x0, #192]
	ldp x24, x25, [x0, #208]
	ldp x26, x27, [x0, #224]
	ldp x28, x29, [x0, #240]
	ldr x30, [x0, #256]
	ldr x1, [x0, #24]
	ldr x0, [x0, #16]
.Lu0_0:
	.inst 0x6e321d1d
.Lu0_1:
	.inst 0x0ebdfda9
.Lu0_2:
.Lsave0:
	msr tpidr_el0, x0
	adrp x0, dump
	add x0, x0, :lo12:dump
	str x1, [x0, #24]
	stp x2, x3, [x0, #32]
	stp x4, x5, [x0, #48]
	stp x6, x7, [x0, #64]
	stp x8, x9, [x0, #80]
	stp x10, x11, [x0, #96]
	stp x12, x13, [x0, #112]
	stp x14, x15, [x0, #128]
	stp x16, x17, [x0, #144]
	stp x18, x19, [x0, #160]
	stp x20, x21, [x0, #176]
	stp x22, x23, [x0, #192]
	stp x24, x25, [x0, #208]
	stp x26, x27, [x0, #224]
	stp x28, x29, [x0, #240]
	str x30, [x0, #256]
	mrs x1, tpidr_el0
	str x1, [x0, #16]
	mov x1, sp
	str x1, [x0, #264]
	mrs x1, nzcv
	str x1, [x0, #272]
	mrs x1, fpcr
	str x1, [x0, #280]
	mrs x1, fpsr
	str x1, [x0, #288]
	add x1, x0, #304
	stp q0, q1, [x1], #32
	stp q2, q3, [x1], #32
	stp q4, q5, [x1], #32
	stp q6, q7, [x1], #32
	stp q8, q9, [x1], #32
	stp q10, q11, [x1], #32
	stp q12, q13, [x1], #32
	stp q14, q15, [x1], #32
	stp q16, q17, [x1], #32
	stp q18, q19, [x1], #32
	stp q20, q21, [x1], #32
	stp q22, q23, [x1], #32
	stp q24, q25, [x1], #32
	stp q26, q27, [x1], #32
	stp q28, q29, [x1], #32
	stp q30, q31, [x1], #32
	adrp x2, scratch
	add x2, x2, :lo12:scratch
	add x3, x0, #816
	mov x4, #260
1:	ldr q0, [x2], #16
	str q0, [x3], #16
	subs x4, x4, #1
	b.ne 1b
	mov x1, x0
	mov x0, #1
	mov x2, #4976
	mov x8, #64
	svc #0
	adrp x0, dump
	add x0, x0, :lo12:dump
	stp xzr, xzr, [x0]
	b .Lseq1
	.data
	.balign 16
	.balign 16
state0:
	.8byte 0, 0
	.8byte 0xffffffff7fc00000, 0x1b29066dbe6cd58f, 0x0000000000000001, 0x8e0a7d1389b54948
	.8byte 0xc7e5cc2d53131afa, 0xffffffff7fffffff, 0xac8f5db96eec4af1, 0x91b4d6889fd9ff21
	.8byte 0x52c1b47825739bf8, 0xe34e9199349cedbc, 0xceee77440ed06a87, 0x31a43a90a115771d
	.8byte 0x9ca96821259c1546, 0xc78ad3538def3094, 0xa32d75586b7d0143, 0x7ff4000000000000
	.8byte 0xffffffff80000000, 0xfff8000000000001, 0x000fffffffffffff, 0xffffffff7fffffff
	.8byte 0x620b7918b3072112, 0x0000000000000002, 0x4591a49cb5a16c3f, 0x7fefffffffffffff
	.8byte 0x000fffffffffffff, 0x0000000000000002, 0xffffffff80000000, 0xffffffff7fc00000
	.8byte 0x3ff0000000000000, 0xffcf4a31c4439810, 0xfb57c6f802a0cdee
	.8byte 0x8000800080008000
	.8byte 0x0, 0x7c00000, 0x800008a, 0
	.8byte 0xf0a1aec4273a331b, 0x7ff8000000000000, 0x8000800080008000, 0x00000000ffffffff
	.8byte 0x0000000000000002, 0xf6dcd0baf7d72666, 0x4dc54b5f29d8437a, 0x7fffffffffffffff
	.8byte 0xa86f01cd7a7673c6, 0x7ff0000000000000, 0xf3a1292a860a5373, 0xaa74b658a751812a
	.8byte 0xebf51ac029acc06a, 0x8000000000000000, 0x8000800080008000, 0xc72ffa3a19a9810d
	.8byte 0xc7970717ed4d2a6f, 0xffffffff00000001, 0x000000007f7fffff, 0xffffffff7fa00000
	.8byte 0x13d53bf139a920c8, 0xffffffff00000001, 0xffffffff7fa00000, 0x43e0000000000000
	.8byte 0x491859992cecbf46, 0x8000000000000000, 0xeb1d887ce219bae9, 0x98e0e6b63c75bb96
	.8byte 0x3ff0000000000000, 0x6ae7a8bb38edf6ff, 0x982d44fe694dcdc9, 0x286b35dc522c79e3
	.8byte 0xffffffff7f800000, 0xb3e0e7d74a893eb7, 0xfff8000000000001, 0xffffffff7fffffff
	.8byte 0x7ff0000000000000, 0x097d2deac023d3e1, 0x049a19b194474d94, 0x00000000ff800000
	.8byte 0x83c25822c8b39017, 0xad9cae42476c3ada, 0xffffffff7fc00000, 0x7fefffffffffffff
	.8byte 0x1482b5ac92f2d734, 0xffffffff80000000, 0x43e0000000000000, 0xcf9df5367f144aa9
	.8byte 0xf72e8577bd72364d, 0xffffffff00000001, 0xffffffff7f800000, 0xfff0000000000000
	.8byte 0xbd298266cb3d0199, 0x0000000000000001, 0x2000d87bca87fa19, 0x32654faa653548e5
	.8byte 0xffffffffffffffff, 0xc81059cd82bb8086, 0x84267f159447e0a2, 0x8000800080008000
	.8byte 0xc5d7612c4fa70c54, 0x7ff8000000000000, 0xffffffff7fffffff, 0xb9124d74dd0069df
	.8byte 0xe74e9a9b43104f82, 0x537ea8c00aede815, 0x5e432d7ec1d49700, 0xd5f67d46016cf188
	.8byte 0xb14e0161d6523023, 0x0697c42842efc33a, 0x7fd244d84bbd8669, 0x49ab52aa2965d0cb
	.8byte 0xda6ecd6244a14b81, 0xb1723d28bc761d17, 0xdf860c2f05942553, 0x4cd27f3cf8477879
	.8byte 0x4b3cd1d0a60947cd, 0xe097cfcca63f0e03, 0x374b473176bee728, 0x4b17e293d0c938c7
	.8byte 0x68ea689891a178eb, 0xe6a6bcab437a0855, 0x54ed0adb176b14c9, 0x18c8c9f0922eba34
	.8byte 0x1546cb06eedf5edb, 0x45916d7828ff28e3, 0x04e5a6a91badb8a9, 0xf0da7b3667431ee5
	.8byte 0x6f4413e0d70eee13, 0x85c45986685e4ade, 0xc4060129c50f003b, 0xecc0d3ddacbd4cfe
	.8byte 0x3517bc84216a542c, 0x9b95721c68284744, 0xbda31a4dc1a9a436, 0x855968b89cb77342
	.8byte 0x80dba9875d72fb41, 0x08b634ded6c58a77, 0x871af21439a54d4f, 0x4a246cbe213a5103
	.8byte 0x399f28c6f8203fe4, 0x80b9c6ed26726d42, 0x80a72e96a3b47c4f, 0x40b4d42bd56c4c1f
	.8byte 0x19a6ddf385f9350c, 0xa97683d1d83cd291, 0x19171c3134435869, 0xaec3097731a3394a
	.8byte 0x2c4bb5a31b5b86f9, 0xc971d188138dbdad, 0x649f9d3543f71aa5, 0xc5bef1cabdc2316a
	.8byte 0x6946d3a71b4f0947, 0xddf91afb0150c5a0, 0xe3319c876c59a888, 0x61ee1a75e9a764f8
	.8byte 0x95654822af2794fe, 0xcb7b5dd85ee9ff9b, 0xb87520951da6c987, 0x2b223d451497739a
	.8byte 0x440c667c2baa87be, 0xec8f33d15d099ba3, 0x158905810d3aa4b8, 0x451a05cd4d7bc7c8
	.8byte 0x2187fddaa28ea554, 0x524d4b964eb4e0c8, 0xde4bb18d5b089ace, 0x83d5fe6b82cb162f
	.8byte 0xd6f557a186051ab9, 0xa7dadd6a23ebb58d, 0x1d7113459c06efd3, 0x7e96daff1dba6dca
	.8byte 0x856c2405605b0e31, 0x8220109e6bf04bc1, 0x2e6287ab88ea7170, 0x7869c09244bdd900
	.8byte 0x24f5fddcd07753e1, 0x2ee2ab8c9880ab2a, 0x4b03b63b62bc02c2, 0xad13b5dc0ef7157c
	.8byte 0xbceb42f66544c087, 0x57e766f0fee295c5, 0xdfc674c167c9cc3d, 0x92ecfdf0107df1d4
	.8byte 0x8fd540ee0e53fe01, 0x8d4752865646831d, 0x98b7179b2cc1a537, 0xd5313a60e95e159d
	.8byte 0x007611cb1d8ac4ed, 0x802e47ddabbba81e, 0x62cb5a0c8f656de8, 0x126eadffc77048a3
	.8byte 0x8292c434314e6bc0, 0x6b929784fea549ac, 0xd67ed7b3742280a6, 0x8a7eb0ea03b259ca
	.8byte 0xdececdee90e9d253, 0x4044873304313284, 0x0fd79d9f20cd06fb, 0x559f5e59cd1ec8ef
	.8byte 0xf754ed35c58e137d, 0xb13bb83c376246fc, 0x555ee7b2880b2569, 0x8ece80f4759efec6
	.8byte 0x81d693114c17b1c8, 0xdb268e47435f639a, 0x22dde97e99dfc6c6, 0x0f153089cf945416
	.8byte 0x42a4da1732fed468, 0x4a91a1e2dec32d03, 0xbdc40e0e49cc9bcc, 0x8a985a4f5fb0e3e6
	.8byte 0xb05795333ceeb72b, 0x791dc870d7db7890, 0xf1cae83864bf4127, 0x21c96917e9d26377
	.8byte 0xe7b4c0b9ac12134a, 0xa228a6a6fb0caf99, 0x2eb1029b5128b7e4, 0x5a487c8b7b6e42f3
	.8byte 0x3c7b8ba1d076a692, 0x9e13c6e1f61cb176, 0xa1bf5ff31af3c549, 0x4f8e0ab421bece27
	.8byte 0x90b3a1151d4d7d90, 0xefc6b4be5cf87d68, 0xfb01ad29269110b9, 0x5ccbc6054b966cf2
	.8byte 0x67f9368a1a32ce30, 0x94643f5b676ecb48, 0xb2e72110af56c61f, 0x54b306af5ac22b94
	.8byte 0x0cf19de71c9c6b90, 0x81a9ae0eaa83f038, 0x1aac1b891af65c7c, 0xb171cc692e43f79a
	.8byte 0xb8a8875f6db7e9bd, 0x2f433dce0f82a168, 0x08f49375b529e8db, 0x78a649f1277c5065
	.8byte 0x227e783e67dd8c9a, 0x5b5ba709ddbdfe73, 0x8e3c8ddf8def475e, 0x0278a16a0269b6a9
	.8byte 0xe4c9b5bad8a429be, 0xb58def20890232c2, 0x97c1065759f0f5bc, 0xb964700db1468b9a
	.8byte 0x45e75466eac775e2, 0x558247edd56cf7d7, 0x963413d2d2836c04, 0x27ad4add9fbd467e
	.8byte 0xceedf53db18787ff, 0x98b39270048004ee, 0xec2ff399a69c1968, 0xd0976310e272b636
	.8byte 0xe42fa66c3899e8b6, 0xe77b60906d35c252, 0x5df686522fca6023, 0x12359f1a858b08a8
	.8byte 0xf11c8faf8426c2c0, 0xd83a8f6a0d13662e, 0x3a6a10559fe817ed, 0xce1889b18b5ee3b0
	.8byte 0xd09fde5c20e19c0a, 0xafc9f0fc60844bda, 0xdc17aa197c763df3, 0xa30c557a3ddeeba6
	.8byte 0x6a8a03ed25716374, 0xbe16907c175a2d4f, 0xd1ecb17079edd1e2, 0x8526ce883f316490
	.8byte 0x39f2fe32fac13380, 0x7dbb085d95153cba, 0xf3e2a8d1132061cc, 0x3c3dd604a81eb2a5
	.8byte 0xc4d74fc34cee8640, 0x4631085f47c9a6b2, 0xd8b9e0627539b6a0, 0x8e45a9e02b3d35c1
	.8byte 0x42da7bd0d141e439, 0x17c649b2e26af8ed, 0x3113286eb50c1857, 0xe78950936a80c163
	.8byte 0x715cc685813c00ba, 0x76a9b04186c5ee7c, 0x08f1657783640fa8, 0xda8d9c2cddb8ff8c
	.8byte 0x0a675ad9d23210a1, 0xa365564047192df1, 0x495342ddad241c02, 0xa4a8510934ddb97e
	.8byte 0xbcc34c1c36acbecc, 0x93060ce27a1fa434, 0x4a81c3d9a29efc5e, 0xcec60975d4f0ac3e
	.8byte 0xff67ed04e6fd07e6, 0xc97605af2b03e406, 0xd18c8a66136d8570, 0x7e047ee31cf52ab3
	.8byte 0x98d1e974bb2a6657, 0x21565a43a202a65a, 0x7903dd37e59e6324, 0x94f175d9fa28f55e
	.8byte 0x85b9de40c998c991, 0x7edd8e1280c2aacd, 0x316ec0fa87fe56a6, 0x073a6ee25499e583
	.8byte 0x7762e1b90d86c7b1, 0x09f1f8cb4f508aa3, 0x35be45f79976665b, 0x333adafb19cc9f43
	.8byte 0x95bbe3b243117b53, 0x594ca1b6b8cc4ea7, 0x57bdbe28c1a9280c, 0xdae7cbdc0a109665
	.8byte 0x8e71c1a5a580742f, 0xf9ad21006c19c7ab, 0x74cfa7d13624a7e9, 0x21d645c6b116160c
	.8byte 0x5b502a72a003dfd2, 0x7f6495358114d72d, 0x8e077f4c87b459ad, 0x521a6a2fff0d234f
	.8byte 0x6a3ad3f53b577374, 0x054d51e42ae12296, 0xdc9ad34327cd8b41, 0xcfd8d9ec158c5b09
	.8byte 0x939db85f3b3920ba, 0x8d2224fa6635d10d, 0x24f177bf651799c9, 0x3ff6fc8214d07bbc
	.8byte 0x3e98e3546383ea52, 0xa26b41320b5cc98c, 0xa4dff4a76024af26, 0xdced56a3da7797aa
	.8byte 0x5c98c239fffdc2e8, 0x3b05bd405e2a0cf6, 0xc91d45259a2a6ad6, 0xf123cdaf246fa924
	.8byte 0xe7cddd77eeb901b8, 0xeddb19b7626121b9, 0xc898691ad7359dac, 0xf38ea345866b9221
	.8byte 0xf9f2990ab0cc6cbd, 0x18e71e0f0ab03e33, 0xe3ce7e27eec18edb, 0xf08f9de72a7d6a66
	.8byte 0x2d2c730436ba1ea0, 0xd56a71dceb8c4817, 0x17eb074add8618b9, 0xf4452f6707746dac
	.8byte 0xeb59ed8e3d4e507b, 0x4e558f8918eb0267, 0x6f195b02b1691821, 0x52c32462372300f7
	.8byte 0x6d46a9ea9fe25673, 0xdf2828b78dd217e0, 0x964a8a0beeded387, 0xb0e4918260ce6b9f
	.8byte 0x08ec785c39fb9e1e, 0x3c3f51ba9d456f47, 0x18f97c8fb6c5ed74, 0xf84a685fdbf0d9ec
	.8byte 0xf60b584cff23fe54, 0xeba17d00c47c3343, 0x742e1a2a6d27ee7c, 0xd5269e15dc4e5d62
	.8byte 0xc56efb53463460c8, 0x7c8ec929a107b6a7, 0x022db0cae15486e1, 0xd650517f5f96a50c
	.8byte 0x0b6820a846cd05b4, 0x9cb4f54b4ddd87ed, 0x5e796454c7c04813, 0x1c279b16fc0d1b14
	.8byte 0x75ce5e247d442696, 0xffda72e995a67d02, 0xfc7ca0625ac5a7dc, 0xc5b149afea699a16
	.8byte 0xc76a098d863b70f3, 0xadeeed8b60acf780, 0xc51df6ee14217d5c, 0x9e489535492c8acf
	.8byte 0x49ef958584d2413e, 0x1c02c0f61e2a69ec, 0x7b5596e64432e667, 0xe93ff97be0b15b34
	.8byte 0xa4d7fb17a664bd2b, 0x5c837ade3525d145, 0x4e17f690bf806559, 0x285616e818fc5dea
	.8byte 0x2e43734d8467ba86, 0xde620d5654bab1ba, 0xf758b755c91dbe74, 0x96478113cb3ab9cd
	.8byte 0x7f8c52db95b1b8d8, 0x62aee346ef468f8f, 0xd9152314e637991d, 0xb052027b7b5f8c9b
	.8byte 0xb769a232cd7bcf15, 0x1ac37fef7283008f, 0x8db0943722a89872, 0xb77bbe5878ee4580
	.8byte 0xfb0cc623d7c65d57, 0xde2e9bb0f1ccb6b7, 0x0f14a7cbdc43fa54, 0xb1400df1c459d632
	.8byte 0xbeaac3a3249f75de, 0x6acc77aef174b4c0, 0xc5ada632c745e0e8, 0x624e6456fa358d56
	.8byte 0x1580f27e5e2f4a0b, 0x97da68ca42aa8a41, 0x4ea9b136e3ed6d95, 0xd42e99d5b38a1d59
	.8byte 0x582c7522b49aed0f, 0x7da085bf2b68d1a2, 0x2766580280846152, 0xa2e7a5aff40b1635
	.8byte 0x18ff1d83b1b1c601, 0x149a86a36008f46e, 0xc678f57fb0620b10, 0x69191aa9ee800840
	.8byte 0x7cd02b5115b89899, 0x110e5448e5fb1289, 0xf9389c8edd1facf5, 0x3f2f1a179ee7f143
	.8byte 0xa328ebf163b388aa, 0x902070850a45ff32, 0x6ad76afcdc704425, 0x79be2a15abbf6a25
	.8byte 0x1b3027b882aed7ed, 0x1d64a0b42d474c49, 0x88153a6346d0c392, 0x12da65fd0605f73a
	.8byte 0x35230640610c8f2f, 0xdfef7c098a666877, 0x6064365b7008a8cc, 0xfc9f88694ae5d7fc
	.8byte 0x383be71fb9ef5ce0, 0xfb7b0c390825495c, 0x48d9c8354895df7f, 0x4ecc1dae451a9335
	.8byte 0xd18f5c181f2edd68, 0x9760bdcaa4ec79ce, 0x200282f9b8fd8e6c, 0x78fe44fe88e1047d
	.8byte 0x1df49ad812afe585, 0x46942818823f1555, 0x76c9913852944b89, 0xf6e82b2d08402db8
	.8byte 0x079861e380b15eff, 0xd47aa84e793262be, 0x5bb3990b1d4dc220, 0x1dbf871449f25ddd
	.8byte 0x8ee346aa4a4e6877, 0x5c83b88d1d999b33, 0x20eb353236d7e761, 0xf004832547427f12
	.8byte 0xe2438f433262a0d5, 0x10f2d49b5cae29ce, 0xb15fec6f735f3234, 0xf0e5c71cc1225a89
	.8byte 0x23d15da39257b3d3, 0xb36c3749140a5c84, 0xe4b5d83571fef070, 0xf2e7d8496f46ddcf
	.8byte 0xc24d3bae85462d0c, 0xd70db1514ec4d038, 0x7de26beded7e66f0, 0xcf0a4d5bc024c59a
	.8byte 0xea5bd9318da48569, 0xdd96199fdcf44d4f, 0xc5c30e316b4d00a3, 0xa716c405b84d6d9a
	.8byte 0x5a86bcd47db454a1, 0xaad3c57af18b6991, 0x844ef1bf5d3419c6, 0x3feb8026c0c396fa
	.8byte 0xc11810e4810ecc6d, 0xf5e0b3001382edb2, 0x951f3a130d29e653, 0xe3886ba8e345a8d5
	.8byte 0x413fa5461a00107c, 0x5c69f57319c328e5, 0x2e1be7d474d5c8d9, 0xf8c0b112106c436f
	.8byte 0xb606d98fe15c7fb8, 0xe2e9a311559458a8, 0x5c310067ce1e8e4c, 0x85b4024d57063c23
	.8byte 0xc65a69179b0d36eb, 0x561ece57085f7646, 0xedeac6b228e7cbae, 0x94d4d82581444dec
	.8byte 0x7ab60a75ba4a04b4, 0x67ef583f416288b3, 0xcbad0b652b20d5cc, 0x2ebda9482745a4d5
	.8byte 0xaf06ad25cfc6bc2c, 0x9ee063eaf6b16e85, 0x0cbcd6203d11da75, 0x0e49069f1ccadb30
	.8byte 0x9f0791cf819d69de, 0x52101c34c2d40d4f, 0x13deb953aae60f2a, 0xf3b8564cf3007fd2
	.8byte 0xda3452e75a32a201, 0xc79517dd157dc5fa, 0x55102bdcb0f1a97f, 0x68caf02a07cd1ae2
	.8byte 0x4df9071fdcdea329, 0x71842a2455d80382, 0x9a0de8d29426c30a, 0x06445cb5bb719cba
	.8byte 0x189248c31171c342, 0xf92b6069b0b7894c, 0x142ac900dc070569, 0x80b69c725b16f406
	.8byte 0x4c2fae47aed9c77d, 0xba33483dc95e0381, 0xee9c673ca652f514, 0xe87aff99f7fcae82
	.8byte 0x1e14a4e7a6489798, 0x66ea3f8fcbdd5858, 0x07c0412af3f6a7cd, 0x0225ff4cf3e955bc
	.8byte 0x7d7e1eb2e6c5280c, 0x2d926105dda126f4, 0x7da8b055000a6469, 0xdf41966a926878c5
	.8byte 0x1dd44bf59e594d91, 0x6cd50cd6102cf7a8, 0xf108b89873d09203, 0xce75523a0935bfce
	.8byte 0x7af29adbd05b1245, 0xab438a9d62f2ed7c, 0x0a00561092e05148, 0x52b64ab76fafbde8
	.8byte 0x8d0e0b1f67c7284f, 0x31352efa5dd1c2b5, 0xa900dcde42cd2cc9, 0x90865630a3359880
	.8byte 0x8c860c1bc4483cd2, 0x4b21c2bdaaabf6ee, 0x31230ab3e92f3ceb, 0x0ddbb9a20af7ed67
	.8byte 0x8a56cb6fdf9bc477, 0x49e9b8aa40b160ac, 0xd51ea08e5695b2a7, 0x1e1133e04d212deb
	.8byte 0xabb2416255c12d2d, 0xa0cc675dd2b1fb34, 0x0539f2df2c812cf3, 0x1b8126defc3458e8
	.8byte 0x97fd00961ba48584, 0x74e23ccd21d0613b, 0xc1e1b753a4475b6a, 0xa7347913002fe3dc
	.8byte 0xf40f859147d23c6b, 0xc77a168c193bd51b, 0x82d0893a2a98e8e5, 0x3a5ae581e622380f
	.8byte 0x731b1d13b4ce048d, 0xdc6e5e7f2efa415c, 0x46a1dc0534ef83d0, 0xe0f5f7e5b0b21182
	.8byte 0x0f78f45c6c6b2451, 0x2fac1b14a1953314, 0xde4a80078421328a, 0x2e9625358023031c
	.8byte 0xa2645fc5f2a285a6, 0xae6aee83797d67c8, 0xab98361c71735ff6, 0x1f8c63d45c069028
	.8byte 0x7253f4aa972b49b1, 0x9330df1f2c888420, 0x673e9a57f6c6f91a, 0x8692df0807005dd7
	.8byte 0x774389ca652dfbc6, 0x5aeffdc9f3d27544, 0xd465ccf430bf0759, 0x6974532f94cdc721
	.8byte 0x386e7658e12e88d2, 0xedbc8c6b22a8402c, 0x9ad342a89e6e0900, 0x75a2db6d35bf715f
	.8byte 0x4075a7448899c899, 0x633dca360d5aa59c, 0x68dc93a606cdf5f3, 0xb07859ea77912056
	.8byte 0x23de482213719e30, 0x2899ad2e48bd011a, 0x90d4977c0f0bd54c, 0xd6178131051174c1
	.8byte 0x3bc9a64e67d5cc5f, 0x6e41759103ce7ea3, 0x9e8daeba5ba14674, 0x5221982798cc7962
	.8byte 0xe8d022b6b6419dab, 0xda42905c51740637, 0x94d5b135984e7b09, 0x09ea2d0aaf71a0eb
	.8byte 0xbc7a6de55319b3c7, 0x23ddbb02ad2f988e, 0x2d17b7f4e94dbb97, 0x4cb2208b32fd138e
	.8byte 0x26bf79d99590374e, 0x257ca1423b2c9351, 0x9517fd6c4183b025, 0x91326430d0eeca6d
	.8byte 0x7df47c580011f0db, 0x5fe47176aaa424e3, 0x2b42da116354a88e, 0xacb2fb256ff465a7
	.8byte 0x47c7ad9ed2ce2e3d, 0x0def27eab4784086, 0x120a548ec28194cf, 0x979241f4b585bb0b
	.8byte 0x98bf2216ff9fbe0f, 0x7e161a0dbfbc9fc9, 0x6bd32d758238c076, 0x6d56cf1ce70ec59c
